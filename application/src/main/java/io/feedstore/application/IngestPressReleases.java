package io.feedstore.application;

import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.ingest.PressReleaseLines;
import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Use case: stores lines of press releases through a {@link BatchWriter}; every line that is not a valid press
 * release is kept verbatim, with its number and reason, in one dead-letter object under {@code rejects/}.
 * Blank lines are skipped. Nothing read is dropped: a line is either stored, or dead-lettered, or the run fails
 * saying so.
 */
public final class IngestPressReleases {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss");
    private static final int NAME_ATTEMPTS = 8;

    private final ObjectStore store;
    private final RecordCodec codec;
    private final PressReleaseLines format;
    private final BatchWriterSettings settings;
    private final Clock clock;

    public IngestPressReleases(ObjectStore store, RecordCodec codec, PressReleaseLines format,
                               BatchWriterSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.format = Objects.requireNonNull(format, "format");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IngestReport ingest(BufferedReader reader) {
        return ingest(reader.lines().iterator());
    }

    /**
     * Ingests every line. A line without {@code ingested_at} gets the instant this run started, one instant for
     * the whole run, so the outcome does not depend on how fast lines are read.
     *
     * @throws IngestException when storing failed; the dead letters are still written where possible and the
     *                         exception carries what was done
     */
    public IngestReport ingest(Iterator<String> lines) {
        Objects.requireNonNull(lines, "lines");
        Instant startedAt = clock.instant();
        List<Reject> rejects = new ArrayList<>();
        List<String> deadLetters = new ArrayList<>();
        long accepted = 0;
        long lineNumber = 0;
        List<String> problems = new ArrayList<>();
        List<RuntimeException> causes = new ArrayList<>();
        BatchWriter writer = new BatchWriter(store, codec, settings, clock);
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Either<String, PressRelease> parsed = format.parse(line, startedAt);
                if (parsed.isLeft()) {
                    rejects.add(new Reject(lineNumber, parsed.getLeft()));
                    deadLetters.add(format.deadLetter(lineNumber, line, parsed.getLeft()));
                } else {
                    // Counted before add: a failed add keeps the record buffered, and close() retries it.
                    accepted++;
                    writer.add(parsed.get());
                }
            }
        } catch (RuntimeException e) {
            problems.add("ingestion stopped at line " + lineNumber + ": " + e.getMessage());
            causes.add(e);
        }
        try {
            writer.close();
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
            causes.add(e);
        }
        // Written even when storing failed: the rejected lines must not be lost along with the run.
        Option<ObjectKey> deadLetterKey = Option.none();
        if (!deadLetters.isEmpty()) {
            Either<String, ObjectKey> written = writeDeadLetters(startedAt, deadLetters);
            written.peekLeft(problems::add);
            deadLetterKey = written.toOption();
        }
        IngestReport report = new IngestReport(accepted, rejects, writer.writtenBatches(), deadLetterKey);
        if (!problems.isEmpty()) {
            RuntimeException cause = causes.isEmpty() ? null : causes.get(0);
            for (int i = 1; i < causes.size(); i++) {
                cause.addSuppressed(causes.get(i));
            }
            throw new IngestException(String.join("; ", problems) + " (" + accepted + " lines accepted, "
                    + report.batches().size() + " batches written, " + rejects.size() + " lines rejected"
                    + deadLetterKey.map(k -> " and kept in " + k).getOrElse("") + ")", report, cause);
        }
        return report;
    }

    /** All dead letters as one JSON Lines object, created only if absent under a fresh unique name. */
    private Either<String, ObjectKey> writeDeadLetters(Instant startedAt, List<String> deadLetters) {
        byte[] content = (String.join("\n", deadLetters) + "\n").getBytes(StandardCharsets.UTF_8);
        String stamp = STAMP.format(LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC));
        StoreFailure last = null;
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            ObjectKey key = StoreLayout.REJECTS.key("ingest_" + stamp + "_" + BatchName.randomUnique() + ".jsonl");
            Either<StoreFailure, Generation> created;
            try {
                created = store.createIfAbsent(key, content);
            } catch (RuntimeException e) {
                return Either.left("could not write the " + deadLetters.size() + " dead letters to " + key + ": " + e);
            }
            if (created.isRight()) {
                return Either.right(key);
            }
            last = created.getLeft();
            if (!(last instanceof StoreFailure.PreconditionFailed)) {
                break;
            }
        }
        return Either.left("could not write the " + deadLetters.size() + " dead letters: " + last.message());
    }
}
