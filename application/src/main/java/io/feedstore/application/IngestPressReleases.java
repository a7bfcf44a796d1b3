package io.feedstore.application;

import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.ingest.PressReleaseLines;
import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Use case: stores lines of press releases through a {@link BatchWriter}; every line that is not a valid press
 * release is kept verbatim, with its number and reason, in dead-letter objects under {@code rejects/}, written in
 * chunks as the run goes so that a killed run keeps those already found. Blank lines are skipped. Nothing read is
 * dropped: a line is either stored, or dead-lettered, or the run fails saying from which line to resume.
 *
 * <p>The safe resume point is the highest line number up to which every line is stored or dead-lettered. The
 * batch writer buffers per partition, so it is the first line still buffered in any partition (or not yet
 * dead-lettered), minus one; it is reported every {@value #PROGRESS_EVERY} lines once the dead letters so far
 * are written.
 */
public final class IngestPressReleases {

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(10);
    static final int PROGRESS_EVERY = 10_000;
    public static final String PROGRESS_EVERY_TEXT = "10,000";
    static final int DEAD_LETTER_CHUNK = 1_000;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss");
    private static final int NAME_ATTEMPTS = 8;

    private final ObjectStore store;
    private final RecordCodec codec;
    private final PressReleaseLines format;
    private final BatchWriterSettings settings;
    private final Clock clock;
    private final Duration maxFutureSkew;

    public IngestPressReleases(
            ObjectStore store, RecordCodec codec, PressReleaseLines format, BatchWriterSettings settings, Clock clock) {
        this(store, codec, format, settings, clock, DEFAULT_MAX_FUTURE_SKEW);
    }

    /** @param maxFutureSkew how far after the run's start an {@code ingested_at} may be; later ones are refused */
    public IngestPressReleases(
            ObjectStore store,
            RecordCodec codec,
            PressReleaseLines format,
            BatchWriterSettings settings,
            Clock clock,
            Duration maxFutureSkew) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.format = Objects.requireNonNull(format, "format");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("the future skew " + maxFutureSkew + " must not be negative");
        }
    }

    public IngestReport ingest(BufferedReader reader) {
        return ingest(reader.lines().iterator());
    }

    public IngestReport ingest(Iterator<String> lines) {
        return ingest(lines, IngestControl.NONE);
    }

    /**
     * Ingests every line, or until {@code control} asks to stop; either way what was read is then stored and the
     * dead letters written. A line without {@code ingested_at} gets the instant this run started, one instant for
     * the whole run, so the outcome does not depend on how fast lines are read.
     *
     * @throws IngestException when storing failed: the run stops at once (with an unreachable store, trying the
     *                         other partitions would only take minutes to fail the same way); the dead letters are
     *                         still written where possible and the exception carries the safe resume point
     */
    public IngestReport ingest(Iterator<String> lines, IngestControl control) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(control, "control");
        return new Run(control).ingest(lines);
    }

    /** One ingestion's state; used by one thread. */
    private final class Run {

        private final IngestControl control;
        private final Instant startedAt = clock.instant();
        private final Instant latestIngestedAt = startedAt.plus(maxFutureSkew);
        private final BatchWriter writer = new BatchWriter(store, codec, settings, clock);
        private final List<Reject> rejects = new ArrayList<>();
        private final List<String> unwrittenLetters = new ArrayList<>();
        private long firstUnwrittenLetter;
        private final List<ObjectKey> deadLetterKeys = new ArrayList<>();
        // The line numbers of each partition's records that are still buffered, oldest first.
        private final Map<Partition, ArrayDeque<Long>> buffered = new HashMap<>();
        private long accepted;
        private long lineNumber;
        private boolean stopped;

        Run(IngestControl control) {
            this.control = control;
        }

        IngestReport ingest(Iterator<String> lines) {
            String problem = null;
            RuntimeException cause = null;
            boolean flushFailed = false;
            try {
                while (!(stopped = control.stopRequested()) && lines.hasNext()) {
                    String line = lines.next();
                    lineNumber++;
                    take(line);
                    if (lineNumber % PROGRESS_EVERY == 0) {
                        writeDeadLetters();
                        control.progress(report());
                    }
                }
            } catch (BatchWriteException e) {
                problem = "stopped at line " + lineNumber + ": " + e.reason();
                cause = e;
                flushFailed = true;
            } catch (RuntimeException e) {
                // The line being read when reading failed is the next one.
                problem = "stopped at line " + (lineNumber + 1) + ": " + e.getMessage();
                cause = e;
            }
            if (!flushFailed) {
                try {
                    writer.flushUntilFirstFailure();
                } catch (BatchWriteException e) {
                    problem = (problem == null ? "" : problem + "; ") + "stopped after line " + lineNumber + ": "
                            + e.reason();
                    cause = cause == null ? e : cause;
                } finally {
                    syncAll();
                }
            }
            // Written even when storing failed: the rejected lines must not be lost along with the run.
            String letterProblem = writeDeadLetters();
            IngestReport report = report();
            if (problem == null && letterProblem == null) {
                return report;
            }
            String message =
                    Stream.of(problem, letterProblem).filter(Objects::nonNull).collect(Collectors.joining("; "))
                            + (report.storedThrough() == 0
                                    ? "; no line is known to be stored yet: resume at line 1"
                                    : "; every line up to line " + report.storedThrough()
                                            + " is stored or dead-lettered: resume at" + " line " + report.resumeAt())
                            + " (tail -n +" + report.resumeAt() + "), or resend the whole"
                            + " input, which is always safe (" + count(accepted, "line") + " accepted, "
                            + count(report.batches().size(), "batch file") + " written, "
                            + count(rejects.size(), "line")
                            + " rejected"
                            + (deadLetterKeys.isEmpty()
                                    ? ""
                                    : " and kept in " + deadLetterKeys.get(0)
                                            + (deadLetterKeys.size() > 1
                                                    ? " and " + (deadLetterKeys.size() - 1) + " more"
                                                    : ""))
                            + ")";
            throw new IngestException(message, report, cause);
        }

        private void take(String line) {
            if (line.isBlank()) {
                return;
            }
            Either<String, PressRelease> parsed = format.parse(line, startedAt).flatMap(this::notInTheFuture);
            if (parsed.isLeft()) {
                reject(line, parsed.getLeft());
                return;
            }
            PressRelease record = parsed.get();
            accepted++;
            buffered.computeIfAbsent(record.partition(), p -> new ArrayDeque<>())
                    .addLast(lineNumber);
            try {
                writer.add(record);
            } finally {
                sync(record.partition());
            }
        }

        /** A future ingested_at would beat every later correction of the record forever. */
        private Either<String, PressRelease> notInTheFuture(PressRelease record) {
            Instant at = record.ingestedAt().getOrNull();
            if (at != null && at.isAfter(latestIngestedAt)) {
                return Either.left("ingested_at '" + at + "' is more than "
                        + maxFutureSkew.toString().substring(2).toLowerCase(Locale.ROOT) + " after this run started ("
                        + startedAt + "): a producer's"
                        + " clock is wrong or the value is a typo, and it would win over every later correction");
            }
            return Either.right(record);
        }

        private void reject(String line, String reason) {
            rejects.add(new Reject(lineNumber, reason));
            if (unwrittenLetters.isEmpty()) {
                firstUnwrittenLetter = lineNumber;
            }
            unwrittenLetters.add(format.deadLetter(lineNumber, line, reason));
            if (unwrittenLetters.size() >= DEAD_LETTER_CHUNK) {
                writeDeadLetters();
            }
        }

        /** Drops the line numbers of records the writer has stored: a partition's oldest ones go first. */
        private void sync(Partition partition) {
            ArrayDeque<Long> numbers = buffered.get(partition);
            int pending = writer.pendingRecords(partition);
            while (numbers.size() > pending) {
                numbers.removeFirst();
            }
        }

        private void syncAll() {
            buffered.keySet().forEach(this::sync);
        }

        private IngestReport report() {
            long storedThrough = lineNumber;
            for (ArrayDeque<Long> numbers : buffered.values()) {
                if (!numbers.isEmpty()) {
                    storedThrough = Math.min(storedThrough, numbers.peekFirst() - 1);
                }
            }
            if (!unwrittenLetters.isEmpty()) {
                storedThrough = Math.min(storedThrough, firstUnwrittenLetter - 1);
            }
            return new IngestReport(
                    lineNumber, accepted, rejects, writer.writtenBatches(), deadLetterKeys, storedThrough, stopped);
        }

        /** The dead letters not yet written, as one new object; on failure they are kept for the next try. */
        private String writeDeadLetters() {
            if (unwrittenLetters.isEmpty()) {
                return null;
            }
            Either<String, ObjectKey> written = writeChunk(unwrittenLetters);
            if (written.isLeft()) {
                return written.getLeft();
            }
            deadLetterKeys.add(written.get());
            unwrittenLetters.clear();
            return null;
        }

        /** A chunk of dead letters as one JSON Lines object, created only if absent under a fresh unique name. */
        private Either<String, ObjectKey> writeChunk(List<String> deadLetters) {
            byte[] content = (String.join("\n", deadLetters) + "\n").getBytes(StandardCharsets.UTF_8);
            String stamp = STAMP.format(LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC));
            String what = count(deadLetters.size(), "dead letter");
            StoreFailure last = null;
            for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
                ObjectKey key = StoreLayout.REJECTS.key("ingest_" + stamp + "_" + BatchName.randomUnique() + ".jsonl");
                Either<StoreFailure, Generation> created;
                try {
                    created = store.createIfAbsent(key, content);
                } catch (RuntimeException e) {
                    return Either.left("could not write the " + what + " to " + key + ": " + e);
                }
                if (created.isRight()) {
                    return Either.right(key);
                }
                last = created.getLeft();
                if (!(last instanceof StoreFailure.PreconditionFailed)) {
                    break;
                }
            }
            return Either.left("could not write the " + what + ": " + last.message());
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
