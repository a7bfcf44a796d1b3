package io.feedstore.application;

import io.feedstore.domain.store.ObjectKey;
import java.util.List;
import java.util.Objects;

/**
 * What an ingestion did: how many lines were read and accepted, which were rejected, the batches written, the
 * dead-letter objects holding the rejected lines verbatim (written in chunks as the run goes), and the safe
 * resume point: every line numbered up to {@code storedThrough} is stored or dead-lettered.
 *
 * @param stopped the run was asked to stop (a SIGTERM) before the end of its input
 */
public record IngestReport(
        long linesRead,
        long accepted,
        List<Reject> rejects,
        List<ObjectKey> batches,
        List<ObjectKey> deadLetters,
        long storedThrough,
        boolean stopped) {

    public IngestReport {
        rejects = List.copyOf(rejects);
        batches = List.copyOf(batches);
        deadLetters = List.copyOf(Objects.requireNonNull(deadLetters, "deadLetters"));
        if (accepted < 0 || linesRead < 0) {
            throw new IllegalArgumentException(
                    "counts must not be negative: " + linesRead + " lines read, " + accepted + " accepted");
        }
        if (storedThrough < 0 || storedThrough > linesRead) {
            throw new IllegalArgumentException(
                    "the resume point " + storedThrough + " must be within the " + linesRead + " lines read");
        }
    }

    public boolean hasRejects() {
        return !rejects.isEmpty();
    }

    /** The line to resume at ({@code tail -n +N}): the first one not known to be stored or dead-lettered. */
    public long resumeAt() {
        return storedThrough + 1;
    }
}
