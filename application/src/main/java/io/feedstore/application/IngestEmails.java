package io.feedstore.application;

import io.feedstore.domain.bronze.BronzeMetadata;
import io.feedstore.domain.bronze.DeclaredTime;
import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.EmailRelease;
import io.feedstore.domain.bronze.HtmlText;
import io.feedstore.domain.bronze.MessageParser;
import io.feedstore.domain.bronze.ParsedMessage;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.bronze.ReceivedTime;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Use case: ingests emails. Each message is archived in bronze first (create-only; "already archived" is not an
 * error), then its press release goes through the {@link BatchWriter} with the item's archive time as
 * {@code ingested_at}. Whether a message was seen before is never decided from bronze: every message is archived
 * and added again, so re-running on the same input completes what a crashed run left half done, and the repeated
 * rows are identical, so consolidation keeps one. A message that yields no press release is archived all the same
 * and dead-lettered with the reason.
 *
 * <p>The item's id is the Gmail id its container or {@code X-GM-MSGID} gives, else {@code email__} + hash16 of the
 * Message-ID (of the bytes when there is none); its {@code dt} is the UTC date it was received: the container's
 * time, else the Date header, else (nothing says when) the Unix epoch, 1970-01-01, the same on every run so that a
 * re-run finds the item where the first run put it.
 *
 * <p>Up to {@code archivers} messages are parsed and archived at once, since the archive's requests are what a
 * remote store makes slow; their outcomes are taken in input order, so the rows, the dead letters and the report
 * are those of a one-at-a-time run. At most {@code archivers} messages are in flight, each in memory only up to
 * {@link MessageBytes#IN_MEMORY_LIMIT}, so memory stays bounded whatever the mailbox holds.
 */
public final class IngestEmails {

    /** The received time of a message nothing dates: fixed, so that every run puts it under the same key. */
    public static final Instant UNKNOWN_RECEIVED_TIME = Instant.EPOCH;

    /** Messages archived at once unless told otherwise. */
    public static final int DEFAULT_ARCHIVERS = 8;

    private final ObjectStore store;
    private final RecordCodec codec;
    private final MessageParser parser;
    private final EmailRelease rule;
    private final BronzeMetadata metadata;
    private final BatchWriterSettings settings;
    private final Clock clock;
    private final int archivers;

    public IngestEmails(
            ObjectStore store,
            RecordCodec codec,
            MessageParser parser,
            HtmlText htmlText,
            BronzeMetadata metadata,
            BatchWriterSettings settings,
            Clock clock) {
        this(store, codec, parser, htmlText, metadata, settings, clock, DEFAULT_ARCHIVERS);
    }

    public IngestEmails(
            ObjectStore store,
            RecordCodec codec,
            MessageParser parser,
            HtmlText htmlText,
            BronzeMetadata metadata,
            BatchWriterSettings settings,
            Clock clock,
            int archivers) {
        if (archivers < 1 || archivers > 1024) {
            throw new IllegalArgumentException("archivers " + archivers + " must be 1 to 1024");
        }
        this.archivers = archivers;
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.rule = new EmailRelease(Objects.requireNonNull(htmlText, "htmlText"));
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Ingests every message of {@code emails} as {@code source}.
     *
     * @throws EmailIngestException when the store failed; the run stops, its dead letters so far are written
     * @throws IOException when the input cannot be read; what was read before is stored
     */
    public EmailIngestReport ingest(EmailSource emails, Source source) throws IOException {
        Objects.requireNonNull(emails, "emails");
        Objects.requireNonNull(source, "source");
        Run run = new Run(source);
        try (Archivists archivists = new Archivists(archivers)) {
            try {
                emails.forEach(email -> run.take(email, archivists));
                run.finishInFlight();
                run.writer.close();
            } catch (ArchiveException | BatchWriteException e) {
                run.abandonInFlight();
                throw run.stopped(e);
            } catch (IOException | UncheckedIOException e) {
                try {
                    run.finishInFlight();
                } catch (RuntimeException alsoFailed) {
                    run.abandonInFlight();
                    e.addSuppressed(alsoFailed);
                }
                run.finishQuietly();
                throw e;
            } catch (RuntimeException | Error e) {
                run.abandonInFlight();
                throw e;
            }
        }
        Either<StoreFailure, ?> letters = run.deadLetters.flush();
        if (letters.isLeft()) {
            throw run.stopped(new ArchiveException(
                    "could not write the dead letters: " + letters.getLeft().message(), letters.getLeft()));
        }
        return run.report();
    }

    /** The item an incoming message becomes, and its meta.json, whether or not it parses. */
    record Identified(RawItem item, EmailMeta meta) {}

    /** A message archived, and its press release or why it has none. */
    private record Processed(String origin, Archived archived, Either<String, PressRelease> release) {}

    /** A message being archived: its outcome, or the failure that stopped it, once done. */
    @FunctionalInterface
    private interface Pending {
        Processed await();
    }

    /** The threads that archive messages; with one archivist the calling thread does it, one message at a time. */
    private static final class Archivists implements AutoCloseable {
        private final int size;
        private final ExecutorService pool;

        Archivists(int size) {
            this.size = size;
            this.pool = size == 1
                    ? null
                    : Executors.newFixedThreadPool(size, runnable -> {
                        Thread thread = new Thread(runnable, "feedstore-archivist");
                        thread.setDaemon(true);
                        return thread;
                    });
        }

        Pending submit(Callable<Processed> work) {
            if (pool == null) {
                Processed done = call(work);
                return () -> done;
            }
            Future<Processed> future = pool.submit(work);
            return () -> {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while a message was archived", e);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            };
        }

        private static Processed call(Callable<Processed> work) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** One ingestion's state; its counts, writer and dead letters are used by the calling thread only. */
    private final class Run {
        private final Source source;
        private final Instant startedAt = clock.instant();
        private final BatchWriter writer = new BatchWriter(store, codec, settings, clock);
        private final ArchiveRawItems archive = new ArchiveRawItems(store, metadata, clock);
        private final DeadLetters deadLetters;
        private final List<EmailIngestReport.Rejected> rejected = new ArrayList<>();
        private long read;
        private long archived;
        private long alreadyArchived;
        private long parsed;
        private final Deque<Pending> inFlight = new ArrayDeque<>();
        private final Object[] itemLocks = new Object[64];

        {
            for (int i = 0; i < itemLocks.length; i++) {
                itemLocks[i] = new Object();
            }
        }

        Run(Source source) {
            this.source = source;
            this.deadLetters = new DeadLetters(store, "ingest-email", startedAt);
        }

        /** Hands the message to an archivist; once as many are in flight as there are archivists, waits. */
        void take(IncomingEmail email, Archivists archivists) {
            read++;
            inFlight.add(archivists.submit(() -> archive(email)));
            while (inFlight.size() >= archivists.size) {
                finish(inFlight.remove());
            }
        }

        void finishInFlight() {
            while (!inFlight.isEmpty()) {
                finish(inFlight.remove());
            }
        }

        /** Waits for the messages still being archived and drops their outcomes: a re-run adds their rows. */
        void abandonInFlight() {
            while (!inFlight.isEmpty()) {
                try {
                    inFlight.remove().await();
                } catch (RuntimeException | Error ignored) {
                    // The failure that stopped the run is the one reported.
                }
            }
        }

        /** Runs on an archivist: parses and archives one message, then lets go of its bytes. */
        private Processed archive(IncomingEmail email) throws IOException {
            try (MessageBytes bytes = email.message()) {
                Either<String, ParsedMessage> message = parse(bytes);
                Identified identified = identify(email, message, source, UNKNOWN_RECEIVED_TIME, rule);
                Either<String, PressRelease> release = message.flatMap(m -> rule.toPressRelease(
                        identified.item(), m, identified.meta().internalTime()));
                EmailMeta meta = release.isRight() ? withParser(identified.meta()) : identified.meta();
                Either<StoreFailure, Archived> stored;
                // Two copies of one item in flight take turns, so one archives it and the other finds it archived.
                synchronized (itemLocks[Math.floorMod(identified.item().hashCode(), itemLocks.length)]) {
                    stored = archive.email(identified.item(), bytes, meta);
                }
                if (stored.isLeft()) {
                    throw new ArchiveException(
                            email.origin() + ": archiving " + identified.item().prefix() + " failed: "
                                    + stored.getLeft().message(),
                            stored.getLeft());
                }
                return new Processed(email.origin(), stored.get(), release);
            }
        }

        /** On the calling thread, in input order: counts the message, then adds its row or its dead letter. */
        private void finish(Pending pending) {
            Processed done = pending.await();
            if (done.archived().alreadyArchived()) {
                alreadyArchived++;
            } else {
                archived++;
            }
            if (done.release().isLeft()) {
                reject(done.origin(), done.archived().item(), done.release().getLeft());
                return;
            }
            writer.add(done.release().get().withIngestedAt(done.archived().archivedAt()));
            parsed++;
        }

        private void reject(String origin, RawItem item, String reason) {
            rejected.add(new EmailIngestReport.Rejected(origin, item.prefix().value(), reason));
            Either<StoreFailure, ?> written = deadLetters.add(metadata.deadLetter(item, origin, reason));
            if (written.isLeft()) {
                throw new ArchiveException(
                        "could not write the dead letters: " + written.getLeft().message(), written.getLeft());
            }
        }

        EmailIngestException stopped(RuntimeException cause) {
            finishQuietly();
            EmailIngestReport partial = report();
            return new EmailIngestException(
                    cause.getMessage() + "; stopped after " + read + " messages (" + archived + " archived, "
                            + alreadyArchived + " already archived, " + parsed + " parsed, " + rejected.size()
                            + " rejected): run it again on the same input, which is always safe",
                    partial,
                    cause);
        }

        /** Stores what can still be stored when the run stops early; the first failure is the one reported. */
        void finishQuietly() {
            try {
                writer.flushUntilFirstFailure();
            } catch (RuntimeException ignored) {
                // The records stay unstored; the caller reports the failure that stopped the run.
            }
            deadLetters.flush();
        }

        EmailIngestReport report() {
            return new EmailIngestReport(
                    read, archived, alreadyArchived, parsed, rejected, writer.writtenBatches(), deadLetters.keys());
        }
    }

    private Either<String, ParsedMessage> parse(MessageBytes rfc822) {
        return Try.withResources(rfc822::open)
                .of(parser::parse)
                .getOrElseGet(e -> Either.left("the message parser failed: " + e));
    }

    /**
     * The bronze item of a message and its meta.json: Gmail id from the container, else {@code X-GM-MSGID}, else
     * from the Message-ID or the bytes; received time from the container, else the Date header, else
     * {@code fallback}.
     */
    static Identified identify(
            IncomingEmail email,
            Either<String, ParsedMessage> message,
            Source source,
            Instant fallback,
            EmailRelease rule) {
        Option<ParsedMessage> parsed = message.toOption();
        RawItemId id = email.gmailId()
                .orElse(() -> parsed.flatMap(ParsedMessage::gmailMessageId)
                        .flatMap(decimal -> Try.of(() -> RawItemId.fromTakeoutDecimal(decimal))
                                .toOption()))
                .orElse(() -> parsed.flatMap(ParsedMessage::messageId)
                        .filter(m -> !m.isBlank())
                        .map(RawItemId::ofMessageId))
                .getOrElse(() -> RawItemId.ofMessageSha256(sha256(email.message())));
        Instant received = email.receivedAt()
                .orElse(() -> parsed.flatMap(ParsedMessage::date).flatMap(ReceivedTime::ofDateHeader))
                .getOrElse(fallback);
        RawItem item = RawItem.email(source, LocalDate.ofInstant(received, ZoneOffset.UTC), id);
        Option<DeclaredTime> declared =
                parsed.flatMap(m -> Try.of(() -> rule.declaredTime(m)).getOrElse(Option.none()));
        EmailMeta meta = new EmailMeta(
                id,
                parsed.flatMap(ParsedMessage::from),
                parsed.flatMap(ParsedMessage::subject),
                received,
                declared.map(DeclaredTime::utc),
                declared.map(DeclaredTime::raw),
                Option.none(),
                Option.none());
        return new Identified(item, meta);
    }

    private static byte[] sha256(MessageBytes message) {
        try {
            return message.sha256();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back the message to name it", e);
        }
    }

    private static EmailMeta withParser(EmailMeta meta) {
        return new EmailMeta(
                meta.id(),
                meta.from(),
                meta.subject(),
                meta.internalTime(),
                meta.declaredTimeUtc(),
                meta.declaredTimeRaw(),
                meta.ingestedAt(),
                Option.of(EmailRelease.PARSER));
    }
}
