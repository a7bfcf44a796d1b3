package io.feedstore.application;

import static io.feedstore.application.Mailboxes.ingest;
import static io.feedstore.application.Mailboxes.mailboxes;
import static io.feedstore.application.Mailboxes.of;
import static io.feedstore.application.Mailboxes.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.feedstore.adapters.bronzejson.JacksonBronzeMetadata;
import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.bronze.RawPart;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.CrashingObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bronze promises: an item is archived before its silver row is written, nothing is decided from bronze alone,
 * so a re-run after a crash anywhere completes the work; archiving is idempotent; replay rebuilds silver exactly.
 */
class ArchiveBeforeSilverTest {

    private static final Source GMAIL = Source.of("gmail");
    private static final Clock FIRST_RUN = Clock.fixed(Instant.parse("2025-04-01T08:00:00.123456789Z"), ZoneOffset.UTC);
    private static final Clock SECOND_RUN = Clock.fixed(Instant.parse("2025-04-02T09:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate FROM = LocalDate.of(1970, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 12, 31);

    private final RecordCodec codec = new SerializingTestCodec();

    @Test
    void noMessageEverEndsArchivedButMissingFromSilverAfterAReRunWhateverCallCrashesAndHoweverManyArchiveAtOnce() {
        qt().withExamples(120)
                .forAll(
                        mailboxes(),
                        integers().between(1, 40),
                        booleans().all(),
                        integers().between(1, 4))
                .checkAssert((mailbox, crashAt, afterTheCall, archivers) -> {
                    InMemoryObjectStore store = new InMemoryObjectStore();
                    ObjectStore crashing = afterTheCall
                            ? CrashingObjectStore.crashAfter(store, crashAt)
                            : CrashingObjectStore.crashBefore(store, crashAt);
                    try {
                        ingest(crashing, codec, FIRST_RUN, archivers).ingest(of(mailbox), GMAIL);
                    } catch (RuntimeException | IOException crashed) {
                        // the process died somewhere; the re-run must complete its work
                    }
                    EmailIngestReport rerun = run(ingest(store, codec, SECOND_RUN), mailbox);

                    Set<String> silver = ids(load(store));
                    Set<RawItem> archived = emailItems(store);
                    assertThat(archived.stream().map(i -> i.id().value()).collect(Collectors.toSet()))
                            .hasSize(distinctMessages(mailbox));
                    for (RawItem item : archived) {
                        assertThat(store.read(item.key(RawPart.META_JSON)).isRight())
                                .as("%s has its meta.json", item.prefix())
                                .isTrue();
                        boolean rejected = rerun.rejected().stream()
                                .anyMatch(r ->
                                        r.bronzePrefix().equals(item.prefix().value()));
                        assertThat(silver.contains(item.id().value()) || rejected)
                                .as("%s is in silver or dead-lettered", item.prefix())
                                .isTrue();
                    }
                    assertThat(rerun.archived() + rerun.alreadyArchived()).isEqualTo(mailbox.size());
                });
    }

    @Test
    void everyMessageBecomesAPressReleaseOrADeadLetterNeverAnException() {
        // Real messages cut anywhere and with bytes flipped, and arbitrary bytes.
        org.quicktheories.core.Gen<IncomingEmail> damaged = integers()
                .between(0, 10_000)
                .zip(integers().between(0, 2_000), integers().between(0, 255), (seed, cut, flip) -> {
                    byte[] whole = Mailboxes.message(seed).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] bytes = java.util.Arrays.copyOf(whole, Math.min(cut, whole.length));
                    if (bytes.length > 0) {
                        bytes[seed % bytes.length] = flip.byteValue();
                    }
                    return new IncomingEmail("damaged-" + seed, bytes, Option.none(), Option.none());
                });
        org.quicktheories.core.Gen<IncomingEmail> arbitrary = org.quicktheories.generators.SourceDSL.lists()
                .of(integers().between(0, 255))
                .ofSizeBetween(0, 300)
                .map(values -> {
                    byte[] bytes = new byte[values.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = values.get(i).byteValue();
                    }
                    return new IncomingEmail("arbitrary", bytes, Option.none(), Option.none());
                });
        qt().withExamples(300)
                .forAll(org.quicktheories.generators.SourceDSL.lists()
                        .of(damaged.mix(arbitrary))
                        .ofSizeBetween(1, 5))
                .checkAssert(mailbox -> {
                    InMemoryObjectStore store = new InMemoryObjectStore();
                    EmailIngestReport report = run(ingest(store, codec, FIRST_RUN), mailbox);
                    assertThat(report.read()).isEqualTo(mailbox.size());
                    assertThat(report.parsed() + report.rejected().size()).isEqualTo(mailbox.size());
                    assertThat(report.rejected())
                            .allSatisfy(r -> assertThat(r.reason()).isNotBlank().doesNotContain("\n"));
                });
    }

    @Test
    void archivingTheSameItemAgainCreatesNothingAndKeepsTheFirstArchiveTime() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        JacksonBronzeMetadata metadata = new JacksonBronzeMetadata();
        RawItem item = RawItem.email(GMAIL, LocalDate.of(2025, 3, 14), RawItemId.gmail("18e3c5a1b2c3d4e5"));
        EmailMeta meta = new EmailMeta(
                item.id(),
                Option.of("\"Åsa Lindqvist\" via Cision <noreply@cision.com>"),
                Option.of("Ærø Energi – “rekordår” 🎉"),
                Instant.parse("2025-03-14T08:31:02Z"),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none());
        byte[] message = Mailboxes.message(3).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Archived first = new ArchiveRawItems(store, metadata, FIRST_RUN)
                .email(item, message, meta)
                .get();
        StoreSnapshot before = StoreSnapshot.of(store);
        Archived again = new ArchiveRawItems(store, metadata, SECOND_RUN)
                .email(item, message, meta)
                .get();

        assertThat(first.partsCreated()).isEqualTo(2);
        assertThat(again.alreadyArchived()).isTrue();
        assertThat(again.archivedAt()).isEqualTo(first.archivedAt()).isEqualTo(FIRST_RUN.instant());
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
        assertThat(store.details(item.key(RawPart.MESSAGE_EML))
                        .get()
                        .attributes()
                        .contentType())
                .isEqualTo("message/rfc822");
    }

    @Test
    void ingestingTheSameMailboxAgainChangesNothingThatLoadReturns() {
        qt().withExamples(30).forAll(mailboxes()).checkAssert(mailbox -> {
            InMemoryObjectStore store = new InMemoryObjectStore();
            run(ingest(store, codec, FIRST_RUN), mailbox);
            List<PressRelease> once = load(store);
            EmailIngestReport again = run(ingest(store, codec, SECOND_RUN), mailbox);
            assertThat(load(store)).isEqualTo(once);
            assertThat(again.archived()).isZero();
        });
    }

    @Test
    void replayTwiceEqualsReplayOnceAndBothEqualWhatIngestWrote() {
        qt().withExamples(30).forAll(mailboxes()).checkAssert(mailbox -> {
            InMemoryObjectStore store = new InMemoryObjectStore();
            run(ingest(store, codec, FIRST_RUN), mailbox);
            List<PressRelease> ingested = load(store);
            replay(store, codec, SECOND_RUN).replay(FROM, TO, Option.none(), false);
            List<PressRelease> once = load(store);
            replay(store, codec, SECOND_RUN).replay(FROM, TO, Option.of(Set.of(GMAIL)), false);
            assertThat(load(store)).isEqualTo(once).isEqualTo(ingested);
        });
    }

    @Test
    void afterDeletingEverySilverFileReplayRebuildsExactlyWhatLoadReturnedBefore() {
        qt().withExamples(30).forAll(mailboxes()).checkAssert(mailbox -> {
            InMemoryObjectStore store = new InMemoryObjectStore();
            run(ingest(store, codec, FIRST_RUN), mailbox);
            List<PressRelease> before = load(store);
            for (ObjectInfo file : store.list(StoreLayout.TABLE).get()) {
                store.deleteIfUnchanged(file.key(), file.generation()).get();
            }
            Set<String> lost = bronzeOnly(new AuditBronze(store, codec).audit(FROM, TO, Option.none()));
            assertThat(lost).containsAll(ids(before));

            ReplayReport replayed = replay(store, codec, SECOND_RUN).replay(FROM, TO, Option.none(), false);

            assertThat(load(store)).isEqualTo(before);
            assertThat(replayed.parsed()).isEqualTo(before.size());
            // What still diverges are the items that never had a press release: those replay rejects too.
            assertThat(bronzeOnly(new AuditBronze(store, codec).audit(FROM, TO, Option.none())))
                    .isEqualTo(replayed.rejected().stream()
                            .map(p -> RawItem.locate(
                                            io.feedstore.domain.store.ObjectKey.of(p.bronzePrefix() + "message.eml"))
                                    .get()
                                    .item()
                                    .id()
                                    .value())
                            .collect(Collectors.toSet()));
        });
    }

    @Test
    void aDryRunReplayParsesEverythingAndWritesNothing() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();
        List<IncomingEmail> mailbox = List.of(
                new IncomingEmail(
                        "a.eml",
                        Mailboxes.message(1).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Option.none(),
                        Option.none()),
                new IncomingEmail(
                        "b.eml",
                        Mailboxes.message(2).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Option.none(),
                        Option.none()));
        ingest(store, codec, FIRST_RUN).ingest(of(mailbox), GMAIL);
        StoreSnapshot before = StoreSnapshot.of(store);
        ReplayReport dry = replay(store, codec, SECOND_RUN).replay(FROM, TO, Option.none(), true);
        assertThat(dry.items()).isEqualTo(2);
        assertThat(dry.parsed()).isEqualTo(2);
        assertThat(dry.batches()).isEmpty();
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    private static EmailIngestReport run(IngestEmails ingest, List<IncomingEmail> mailbox) {
        try {
            return ingest.ingest(of(mailbox), GMAIL);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<PressRelease> load(ObjectStore store) {
        return new LoadPressReleases(store, codec).load(FROM, TO, Option.none());
    }

    private static Set<String> bronzeOnly(AuditReport report) {
        return report.days().stream()
                .flatMap(d -> d.bronzeNotInSilver().stream())
                .collect(Collectors.toSet());
    }

    private static Set<String> ids(List<PressRelease> releases) {
        return releases.stream().map(r -> r.id().value()).collect(Collectors.toSet());
    }

    private static Set<RawItem> emailItems(ObjectStore store) {
        Set<RawItem> items = new HashSet<>();
        for (ObjectInfo info : store.list(RawItem.ROOT).get()) {
            RawItem.locate(info.key()).forEach(located -> items.add(located.item()));
        }
        return items;
    }

    /** Messages with the same bytes and no Gmail id are one item; so are messages with the same Gmail id. */
    private static int distinctMessages(List<IncomingEmail> mailbox) {
        Set<String> ids = new HashSet<>();
        for (IncomingEmail email : mailbox) {
            ids.add(IngestEmails.identify(
                            email,
                            new io.feedstore.adapters.mime.Mime4jMessageParser()
                                    .parse(new java.io.ByteArrayInputStream(
                                            ((MessageBytes.InMemory) email.message()).bytes())),
                            GMAIL,
                            IngestEmails.UNKNOWN_RECEIVED_TIME,
                            new io.feedstore.domain.bronze.EmailRelease(new io.feedstore.adapters.html.JsoupHtmlText()))
                    .item()
                    .id()
                    .value());
        }
        return ids.size();
    }
}
