package io.feedstore.application;

import io.feedstore.domain.bronze.BronzeMetadata;
import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.EmailRelease;
import io.feedstore.domain.bronze.HtmlText;
import io.feedstore.domain.bronze.MessageParser;
import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.PageParser;
import io.feedstore.domain.bronze.PageRelease;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawPart;
import io.feedstore.domain.bronze.ReceivedTime;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * Use case: rebuilds silver from bronze. Re-parses the bronze items with {@code dt} in a range, with the current
 * parsers, and writes their press releases through the {@link BatchWriter}. A row's {@code ingested_at} is the
 * item's archive time, not the time of the replay, so replaying the same items again writes identical rows that
 * consolidation folds into one; a newer parser's row wins over an older parse of the item by its
 * {@code parser_version}. Items are read {@code readers} at a time, since reading is what a remote store makes
 * slow.
 */
public final class ReplayBronze {

    public static final int DEFAULT_READERS = 16;
    /** The most bytes an archived page may have once gunzipped; more is a decompression bomb, not a page. */
    static final int MAX_PAGE_BYTES = 64 * 1024 * 1024;

    private final ObjectStore store;
    private final RecordCodec codec;
    private final MessageParser messages;
    private final EmailRelease emailRule;
    private final PageParser pages;
    private final BronzeMetadata metadata;
    private final BatchWriterSettings settings;
    private final Clock clock;
    private final int readers;

    public ReplayBronze(
            ObjectStore store,
            RecordCodec codec,
            MessageParser messages,
            HtmlText htmlText,
            PageParser pages,
            BronzeMetadata metadata,
            BatchWriterSettings settings,
            Clock clock,
            int readers) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.emailRule = new EmailRelease(Objects.requireNonNull(htmlText, "htmlText"));
        this.pages = Objects.requireNonNull(pages, "pages");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (readers < 1) {
            throw new IllegalArgumentException("readers " + readers + " must be at least 1");
        }
        this.readers = readers;
    }

    /**
     * Replays the items with {@code dt} from {@code from} to {@code to}, of {@code sources} (all when none are
     * given); with {@code dryRun} parses them and writes nothing.
     *
     * @throws ArchiveException when the store failed to list or read; replaying again is safe
     * @throws BatchWriteException when the press releases could not be stored
     */
    public ReplayReport replay(LocalDate from, LocalDate to, Option<Set<Source>> sources, boolean dryRun) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sources, "sources");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        Either<StoreFailure, Map<RawItem, Set<RawPart>>> found = BronzeItems.between(store, from, to, sources);
        if (found.isLeft()) {
            throw new ArchiveException(
                    "listing bronze failed: " + found.getLeft().message(), found.getLeft());
        }
        List<ReplayReport.Problem> rejected = new ArrayList<>();
        List<ReplayReport.Problem> incomplete = new ArrayList<>();
        long parsed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(readers, runnable -> {
            Thread thread = new Thread(runnable, "feedstore-replay");
            thread.setDaemon(true);
            return thread;
        });
        BatchWriter writer = new BatchWriter(store, codec, settings, clock);
        DeadLetters deadLetters = new DeadLetters(store, "replay", clock.instant());
        try {
            // A window of items in flight keeps memory bounded however many items the range holds.
            java.util.ArrayDeque<Future<Either<String, PressRelease>>> inFlight = new java.util.ArrayDeque<>();
            List<RawItem> items = new ArrayList<>(found.get().keySet());
            int window = readers * 4;
            int next = 0;
            for (int done = 0; done < items.size(); done++) {
                while (next < items.size() && inFlight.size() < window) {
                    RawItem item = items.get(next++);
                    Set<RawPart> parts = found.get().get(item);
                    if (!parts.containsAll(item.parts())) {
                        incomplete.add(new ReplayReport.Problem(
                                item.prefix().value(),
                                "has only "
                                        + parts.stream().map(RawPart::fileName).toList()));
                    }
                    inFlight.addLast(pool.submit(() -> release(item, parts)));
                }
                Either<String, PressRelease> outcome = await(inFlight.removeFirst());
                if (outcome.isLeft()) {
                    RawItem item = items.get(done);
                    rejected.add(new ReplayReport.Problem(item.prefix().value(), outcome.getLeft()));
                    if (!dryRun) {
                        keep(deadLetters.add(
                                metadata.deadLetter(item, item.prefix().value(), outcome.getLeft())));
                    }
                    continue;
                }
                parsed++;
                if (!dryRun) {
                    writer.add(outcome.get());
                }
            }
            writer.close();
            keep(deadLetters.flush());
        } finally {
            pool.shutdownNow();
        }
        return new ReplayReport(
                found.get().size(), parsed, rejected, incomplete, writer.writtenBatches(), deadLetters.keys());
    }

    private static void keep(Either<StoreFailure, ?> written) {
        if (written.isLeft()) {
            throw new ArchiveException(
                    "could not write the dead letters: " + written.getLeft().message(), written.getLeft());
        }
    }

    private static Either<String, PressRelease> await(Future<Either<String, PressRelease>> outcome) {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ArchiveException archive) {
                throw archive;
            }
            return Either.left("replaying failed: " + e.getCause());
        }
    }

    /** The press release of one item, or why it has none; a store failure is thrown, not a reason. */
    private Either<String, PressRelease> release(RawItem item, Set<RawPart> parts) {
        return item.kind() == RawItem.Kind.EMAIL ? email(item, parts) : page(item, parts);
    }

    private Either<String, PressRelease> email(RawItem item, Set<RawPart> parts) {
        if (!parts.contains(RawPart.MESSAGE_EML)) {
            return Either.left("message.eml is missing");
        }
        ArchiveRawItems archive = new ArchiveRawItems(store, metadata, clock);
        Option<EmailMeta> meta = Option.none();
        if (parts.contains(RawPart.META_JSON)) {
            Either<String, EmailMeta> readMeta = metadata.readEmailMeta(read(item, RawPart.META_JSON));
            if (readMeta.isLeft()) {
                return Either.left(readMeta.getLeft());
            }
            meta = Option.of(readMeta.get());
        }
        // Parsed a range at a time from the store: a message with a large attachment is never held whole.
        ObjectContent message = orThrow(item, store.open(item.key(RawPart.MESSAGE_EML), ReadCondition.latest()));
        ObjectContentStream stream = new ObjectContentStream(message);
        Either<String, io.feedstore.domain.bronze.ParsedMessage> parsed = Try.withResources(() -> stream)
                .of(messages::parse)
                .getOrElseGet(e -> Either.left("the message parser failed: " + e));
        if (stream.failure().isDefined()) {
            IOException failure = stream.failure().get();
            throw new ArchiveException(
                    "reading " + item.key(RawPart.MESSAGE_EML) + " failed: " + failure.getMessage(),
                    StoreFailure.IoFailure.of(item.key(RawPart.MESSAGE_EML).value(), failure));
        }
        if (parsed.isLeft()) {
            return Either.left(parsed.getLeft());
        }
        Instant received = meta.map(EmailMeta::internalTime)
                .orElse(() -> parsed.get().date().flatMap(ReceivedTime::ofDateHeader))
                .getOrElse(() -> item.dt().atStartOfDay().toInstant(ZoneOffset.UTC));
        Instant archivedAt = meta.flatMap(EmailMeta::ingestedAt)
                .getOrElse(() -> orThrow(
                        item,
                        parts.contains(RawPart.META_JSON)
                                ? archive.emailArchiveTime(item)
                                : archive.archiveTime(item.key(RawPart.MESSAGE_EML))));
        return emailRule.toPressRelease(item, parsed.get(), received).map(r -> r.withIngestedAt(archivedAt));
    }

    private Either<String, PressRelease> page(RawItem item, Set<RawPart> parts) {
        if (!parts.contains(RawPart.CONTENT_HTML_GZ) || !parts.contains(RawPart.ENTRY_JSON_GZ)) {
            return Either.left("a page needs content.html.gz and entry.json.gz");
        }
        Either<String, PageEntry> entry = metadata.readPageEntry(read(item, RawPart.ENTRY_JSON_GZ));
        if (entry.isLeft()) {
            return Either.left(entry.getLeft());
        }
        Either<String, byte[]> html = gunzip(read(item, RawPart.CONTENT_HTML_GZ));
        if (html.isLeft()) {
            return Either.left("content.html.gz: " + html.getLeft());
        }
        String url = entry.get().finalUrl().orElse(entry.get().link()).getOrElse("");
        Instant archivedAt = orThrow(item, new ArchiveRawItems(store, metadata, clock).pageArchiveTime(item));
        return Try.of(() -> pages.parse(html.get(), url))
                .getOrElseGet(e -> Either.left("the page parser failed: " + e))
                .flatMap(page -> PageRelease.toPressRelease(item, entry.get(), page))
                .map(r -> r.withIngestedAt(archivedAt));
    }

    private byte[] read(RawItem item, RawPart part) {
        return orThrow(item, store.read(item.key(part)).map(stored -> stored.content()));
    }

    private static <T> T orThrow(RawItem item, Either<StoreFailure, T> outcome) {
        if (outcome.isLeft()) {
            throw new ArchiveException(
                    "reading " + item.prefix() + " failed: " + outcome.getLeft().message(), outcome.getLeft());
        }
        return outcome.get();
    }

    static Either<String, byte[]> gunzip(byte[] gzipped) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            byte[] html = in.readNBytes(MAX_PAGE_BYTES + 1);
            if (html.length > MAX_PAGE_BYTES) {
                return Either.left("more than " + MAX_PAGE_BYTES + " bytes once gunzipped");
            }
            return Either.right(html);
        } catch (IOException e) {
            return Either.left("not gzip: " + e.getMessage());
        }
    }
}
