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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 */
public final class IngestEmails {

    /** The received time of a message nothing dates: fixed, so that every run puts it under the same key. */
    public static final Instant UNKNOWN_RECEIVED_TIME = Instant.EPOCH;

    private final ObjectStore store;
    private final RecordCodec codec;
    private final MessageParser parser;
    private final EmailRelease rule;
    private final BronzeMetadata metadata;
    private final BatchWriterSettings settings;
    private final Clock clock;

    public IngestEmails(
            ObjectStore store,
            RecordCodec codec,
            MessageParser parser,
            HtmlText htmlText,
            BronzeMetadata metadata,
            BatchWriterSettings settings,
            Clock clock) {
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
        try {
            emails.forEach(run::take);
            run.writer.close();
        } catch (ArchiveException | BatchWriteException e) {
            throw run.stopped(e);
        } catch (IOException | UncheckedIOException e) {
            run.finishQuietly();
            throw e;
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

    /** One ingestion's state; used by one thread. */
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

        Run(Source source) {
            this.source = source;
            this.deadLetters = new DeadLetters(store, "ingest-email", startedAt);
        }

        void take(IncomingEmail email) {
            read++;
            Either<String, ParsedMessage> message = parse(email.rfc822());
            Identified identified = identify(email, message, source, UNKNOWN_RECEIVED_TIME, rule);
            Either<String, PressRelease> release = message.flatMap(m ->
                    rule.toPressRelease(identified.item(), m, identified.meta().internalTime()));
            EmailMeta meta = release.isRight() ? withParser(identified.meta()) : identified.meta();
            Either<StoreFailure, Archived> stored = archive.email(identified.item(), email.rfc822(), meta);
            if (stored.isLeft()) {
                throw new ArchiveException(
                        email.origin() + ": archiving " + identified.item().prefix() + " failed: "
                                + stored.getLeft().message(),
                        stored.getLeft());
            }
            if (stored.get().alreadyArchived()) {
                alreadyArchived++;
            } else {
                archived++;
            }
            if (release.isLeft()) {
                reject(email, identified.item(), release.getLeft());
                return;
            }
            writer.add(release.get().withIngestedAt(stored.get().archivedAt()));
            parsed++;
        }

        private void reject(IncomingEmail email, RawItem item, String reason) {
            rejected.add(
                    new EmailIngestReport.Rejected(email.origin(), item.prefix().value(), reason));
            Either<StoreFailure, ?> written = deadLetters.add(metadata.deadLetter(item, email.origin(), reason));
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

    private Either<String, ParsedMessage> parse(byte[] rfc822) {
        return Try.of(() -> parser.parse(new ByteArrayInputStream(rfc822)))
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
                .getOrElse(() -> RawItemId.ofMessageBytes(email.rfc822()));
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
