package io.feedstore.application;

import io.feedstore.domain.bronze.BronzeMetadata;
import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawPart;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.ObjectAttributes;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Use case: keeps an original email or web page in the bronze archive, each part created only if absent and never
 * rewritten. A part that is already there is kept as it is ("already archived" is not an error), so archiving
 * again completes what a crashed run left half done and changes nothing else.
 *
 * <p>The archive time is decided once, by the first run that archived the item: it is written into the item
 * ({@code meta.json}'s {@code ingested_at}, the page's {@code ingested_at} metadata) and read back by every later
 * run and by replay, so that every press release made from the item carries the same {@code ingested_at}.
 */
public final class ArchiveRawItems {

    static final String INGESTED_AT = "ingested_at";

    private final ObjectStore store;
    private final BronzeMetadata metadata;
    private final Clock clock;

    public ArchiveRawItems(ObjectStore store, BronzeMetadata metadata, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Archives an email: {@code message.eml}, then {@code meta.json} (with the archive time and {@code parser}).
     * {@code meta}'s own {@code ingested_at} is ignored: the archive time is this call's, or the first run's.
     */
    public Either<StoreFailure, Archived> email(RawItem item, byte[] rfc822, EmailMeta meta) {
        Objects.requireNonNull(rfc822, "rfc822");
        return email(item, MessageBytes.of(rfc822), meta);
    }

    /**
     * As {@link #email(RawItem, byte[], EmailMeta)}; a spilled message is streamed to the store from its file, so
     * that it is never held whole. The caller keeps {@code rfc822} and closes it.
     */
    public Either<StoreFailure, Archived> email(RawItem item, MessageBytes rfc822, EmailMeta meta) {
        requireKind(item, RawItem.Kind.EMAIL);
        Objects.requireNonNull(rfc822, "rfc822");
        Objects.requireNonNull(meta, "meta");
        if (!meta.id().equals(item.id())) {
            throw new IllegalArgumentException("meta.json id " + meta.id() + " is not the item's id " + item.id());
        }
        Instant now = clock.instant();
        ObjectKey messageKey = item.key(RawPart.MESSAGE_EML);
        ObjectAttributes messageAttributes = attributes(item, RawPart.MESSAGE_EML, now);
        // A small message goes in one request; a spilled one as a streamed (resumable) upload.
        Either<StoreFailure, Part> message = createdOrThere(
                        rfc822 instanceof MessageBytes.InMemory small
                                ? store.createIfAbsent(messageKey, messageAttributes, small.bytes())
                                : store.createIfAbsent(messageKey, messageAttributes, rfc822.writer()))
                .flatMap(created -> created
                        ? Either.right(new Part(1, now))
                        : archiveTime(messageKey).map(first -> new Part(0, first)));
        if (message.isLeft()) {
            return Either.left(message.getLeft());
        }
        Instant archivedAt = message.get().firstArchivedAt();
        EmailMeta stamped = new EmailMeta(
                meta.id(),
                meta.from(),
                meta.subject(),
                meta.internalTime(),
                meta.declaredTimeUtc(),
                meta.declaredTimeRaw(),
                Option.of(archivedAt),
                meta.parser());
        Either<StoreFailure, Boolean> metaCreated = createdOrThere(store.createIfAbsent(
                item.key(RawPart.META_JSON),
                attributes(item, RawPart.META_JSON, archivedAt),
                metadata.writeEmailMeta(stamped)));
        if (metaCreated.isLeft()) {
            return Either.left(metaCreated.getLeft());
        }
        int created = message.get().created() + (metaCreated.get() ? 1 : 0);
        // An existing meta.json holds the time the first run decided; a new one holds archivedAt.
        return metaCreated.get()
                ? Either.right(new Archived(item, created, archivedAt))
                : emailArchiveTime(item).map(first -> new Archived(item, created, first));
    }

    /** Archives a page: {@code content.html.gz} (the HTML, gzipped here), then {@code entry.json.gz}. */
    public Either<StoreFailure, Archived> page(RawItem item, byte[] html, PageEntry entry, Option<String> finalUrl) {
        requireKind(item, RawItem.Kind.PAGE);
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(finalUrl, "finalUrl");
        if (!entry.msgId().equals(item.id())) {
            throw new IllegalArgumentException("entry msgId " + entry.msgId() + " is not the item's id " + item.id());
        }
        Map<String, String> url = finalUrl.map(u -> Map.of("url", u)).getOrElse(Map.of());
        Either<StoreFailure, Part> content = create(item, RawPart.CONTENT_HTML_GZ, gzip(html), clock.instant(), url);
        if (content.isLeft()) {
            return Either.left(content.getLeft());
        }
        Instant archivedAt = content.get().firstArchivedAt();
        return createdOrThere(store.createIfAbsent(
                        item.key(RawPart.ENTRY_JSON_GZ),
                        attributes(item, RawPart.ENTRY_JSON_GZ, archivedAt),
                        metadata.writePageEntry(entry)))
                .map(entryCreated -> new Archived(item, content.get().created() + (entryCreated ? 1 : 0), archivedAt));
    }

    /**
     * When an archived email was first archived: {@code meta.json}'s {@code ingested_at}, else (objects of the
     * older jobs) the time {@code meta.json} was created.
     */
    public Either<StoreFailure, Instant> emailArchiveTime(RawItem item) {
        ObjectKey key = item.key(RawPart.META_JSON);
        return store.read(key)
                .flatMap(stored -> metadata.readEmailMeta(stored.content())
                        .map(EmailMeta::ingestedAt)
                        .getOrElse(Option.none())
                        .map(Either::<StoreFailure, Instant>right)
                        .getOrElse(() -> store.details(key).map(d -> d.created())));
    }

    /**
     * When an archived page was first archived: the {@code ingested_at} metadata of {@code content.html.gz}, else
     * the time it was created.
     */
    public Either<StoreFailure, Instant> pageArchiveTime(RawItem item) {
        return archiveTime(item.key(RawPart.CONTENT_HTML_GZ));
    }

    private record Part(int created, Instant firstArchivedAt) {}

    private Either<StoreFailure, Part> create(
            RawItem item, RawPart part, byte[] content, Instant now, Map<String, String> extra) {
        ObjectKey key = item.key(part);
        return createdOrThere(
                        store.createIfAbsent(key, attributes(item, part, now).withMetadata(extra), content))
                .flatMap(created -> created
                        ? Either.right(new Part(1, now))
                        : archiveTime(key).map(first -> new Part(0, first)));
    }

    /** The {@code ingested_at} metadata of an archived object, else the time it was created. */
    Either<StoreFailure, Instant> archiveTime(ObjectKey key) {
        return store.details(key)
                .map(details -> Option.of(details.attributes().metadata().get(INGESTED_AT))
                        .flatMap(text -> io.vavr.control.Try.of(() -> WireRecord.parseInstant(INGESTED_AT, text))
                                .toOption())
                        .getOrElse(details.created()));
    }

    /** True when created, false when already there ("already archived"); any other failure stays a failure. */
    private static Either<StoreFailure, Boolean> createdOrThere(Either<StoreFailure, ?> created) {
        if (created.isRight()) {
            return Either.right(true);
        }
        return created.getLeft() instanceof StoreFailure.PreconditionFailed
                ? Either.right(false)
                : Either.left(created.getLeft());
    }

    private static ObjectAttributes attributes(RawItem item, RawPart part, Instant archivedAt) {
        ObjectAttributes attributes = ObjectAttributes.of(part.contentType());
        if (part.contentEncoding().isDefined()) {
            attributes = attributes.encodedAs(part.contentEncoding().get());
        }
        return attributes.withMetadata(Map.of(
                "msgId",
                item.id().value(),
                "source",
                item.source().value(),
                INGESTED_AT,
                WireRecord.formatIngestedAt(archivedAt)));
    }

    private static void requireKind(RawItem item, RawItem.Kind kind) {
        Objects.requireNonNull(item, "item");
        if (item.kind() != kind) {
            throw new IllegalArgumentException("item " + item.id() + " is a " + item.kind() + ", not a " + kind);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
