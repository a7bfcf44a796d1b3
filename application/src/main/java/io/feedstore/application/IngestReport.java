package io.feedstore.application;

import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;

/**
 * What an ingestion did: how many lines were accepted, which were rejected, the batches written and the
 * dead-letter object holding the rejected lines verbatim (none when nothing was rejected).
 */
public record IngestReport(long accepted, List<Reject> rejects, List<ObjectKey> batches, Option<ObjectKey> deadLetters) {

    public IngestReport {
        rejects = List.copyOf(rejects);
        batches = List.copyOf(batches);
        Objects.requireNonNull(deadLetters, "deadLetters");
        if (accepted < 0) {
            throw new IllegalArgumentException("accepted must not be negative: " + accepted);
        }
    }

    public boolean hasRejects() {
        return !rejects.isEmpty();
    }
}
