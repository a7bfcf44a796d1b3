package io.feedstore.application;

import static io.feedstore.application.LoadFlatFoldersTest.gmail;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.BackfillReport.DateStatus;
import io.feedstore.application.LegacyParquet.Shape;
import io.feedstore.domain.backfill.Shard;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The backfill retires the flat layouts with nothing lost, and re-running it changes nothing. */
class BackfillHistoryTest {

    private static final LocalDate DAY = LocalDate.of(2025, 8, 18);
    private static final LocalDate NEXT = DAY.plusDays(1);
    private static final Source GMAIL = Source.of("gmail");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final ParquetRecordCodec codec = new ParquetRecordCodec();
    private final LoadPressReleases load = new LoadPressReleases(store, codec);
    private final BackfillHistory backfill = new BackfillHistory(
            store,
            codec,
            new InMemorySpillSpace(),
            new ConsolidatePartitions(store, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT));

    @Test
    void aStoreOfAllFourLayoutsLoadsTheSameAfterTheBackfillWithOnlyUnplaceableFilesLeftAndEveryDeletionRecorded() {
        allFourLayouts();
        Map<String, Object> sourceless = gmail("m9", "2025-08-18", "2025-08-18T09:12:44", "utan källa – “?”");
        sourceless.remove("source");
        ObjectKey unplaceable = flat(DAY, "msgId=m9.parquet", Shape.PYARROW_MSGID, List.of(sourceless));
        List<PressRelease> before = load.load(DAY, NEXT, Option.none());
        Set<ObjectKey> flatBefore = flatKeys();

        BackfillReport report = backfill.backfill(request(RunMode.APPLY, Shard.ALL), BackfillHistory.Progress.NONE);

        assertThat(load.load(DAY, NEXT, Option.none())).isEqualTo(before);
        assertThat(flatKeys()).containsExactly(unplaceable);
        assertThat(legacyInPartitions()).isEmpty();
        Set<ObjectKey> deleted =
                flatBefore.stream().filter(k -> !k.equals(unplaceable)).collect(Collectors.toSet());
        assertThat(recordedFiles(report.record())).isEqualTo(deleted);
        assertThat(report.dates())
                .extracting(BackfillReport.DateReport::status)
                .containsExactly(DateStatus.KEPT_UNPLACEABLE, DateStatus.MIGRATED);
        assertThat(report.anyFailed()).isFalse();
    }

    @Test
    void backfillingTwiceChangesNothingTheSecondTime() {
        allFourLayouts();
        backfill.backfill(request(RunMode.APPLY, Shard.ALL), BackfillHistory.Progress.NONE);
        List<ObjectInfo> once = store.list(KeyPrefix.ROOT).get();

        BackfillReport again = backfill.backfill(request(RunMode.APPLY, Shard.ALL), BackfillHistory.Progress.NONE);

        assertThat(store.list(KeyPrefix.ROOT).get()).isEqualTo(once);
        assertThat(again.dates()).isEmpty();
    }

    @Test
    void aFileMixingPlaceableAndUnplaceableRowsIsKeptUncopiedSoThatRunningAgainChangesNothing() {
        Map<String, Object> sourceless = gmail("m8", "2025-08-18", "2025-08-18T09:12:44", "utan källa – “?”");
        sourceless.remove("source");
        ObjectKey mixed = flat(
                DAY,
                "part-20250818T130000.parquet",
                Shape.POLARS_PART,
                List.of(gmail("m7", "2025-08-18", "2025-08-18T09:12:44", "Åsa – “placerbar”"), sourceless));
        allFourLayouts();
        List<PressRelease> before = load.load(DAY, NEXT, Option.none());
        backfill.backfill(request(RunMode.APPLY, Shard.ALL), BackfillHistory.Progress.NONE);
        List<ObjectInfo> once = store.list(KeyPrefix.ROOT).get();

        BackfillReport again = backfill.backfill(request(RunMode.APPLY, Shard.ALL), BackfillHistory.Progress.NONE);

        assertThat(store.list(KeyPrefix.ROOT).get()).isEqualTo(once);
        assertThat(flatKeys()).containsExactly(mixed);
        assertThat(again.anyFailed()).isFalse();
        assertThat(load.load(DAY, NEXT, Option.none())).isEqualTo(before);
    }

    @Test
    void aDryRunChangesNothing() {
        allFourLayouts();
        List<ObjectInfo> before = store.list(KeyPrefix.ROOT).get();

        BackfillReport report = backfill.backfill(request(RunMode.DRY_RUN, Shard.ALL), BackfillHistory.Progress.NONE);

        assertThat(store.list(KeyPrefix.ROOT).get()).isEqualTo(before);
        assertThat(report.dates()).extracting(BackfillReport.DateReport::status).containsOnly(DateStatus.PLANNED);
    }

    @Test
    void anUndecodableFileFailsOnlyItsDateNamingItAndNothingOfThatDateIsDeleted() {
        allFourLayouts();
        ObjectKey truncated = new FlatFolder(DAY).prefix().key("part-20250818T120000.parquet");
        store.createIfAbsent(truncated, new byte[] {'P', 'A', 'R', '1', 0}).get();
        Set<ObjectKey> dayFiles = flatKeys().stream()
                .filter(k -> FlatFolder.containing(k).get().date().equals(DAY))
                .collect(Collectors.toSet());

        BackfillReport report = backfill.backfill(request(RunMode.APPLY, Shard.ALL), BackfillHistory.Progress.NONE);

        BackfillReport.DateReport failed = report.dates().get(0);
        assertThat(failed.status()).isEqualTo(DateStatus.FAILED);
        assertThat(failed.detail().get()).contains(truncated.value()).contains("nothing of 2025-08-18");
        assertThat(flatKeys()).isEqualTo(dayFiles);
        assertThat(report.dates().get(1).status()).isEqualTo(DateStatus.MIGRATED);
        assertThat(report.anyFailed()).isTrue();
    }

    @Test
    void twoShardsTogetherMigrateEveryDateOnce() {
        allFourLayouts();
        List<PressRelease> before = load.load(DAY, NEXT, Option.none());

        BackfillReport first =
                backfill.backfill(request(RunMode.APPLY, new Shard(0, 2)), BackfillHistory.Progress.NONE);
        BackfillReport second =
                backfill.backfill(request(RunMode.APPLY, new Shard(1, 2)), BackfillHistory.Progress.NONE);

        assertThat(first.dates()).hasSize(1);
        assertThat(second.dates()).hasSize(1);
        assertThat(first.dates().get(0).date())
                .isNotEqualTo(second.dates().get(0).date());
        assertThat(flatKeys()).isEmpty();
        assertThat(load.load(DAY, NEXT, Option.none())).isEqualTo(before);
    }

    @Test
    void withSourcesAFlatFileHoldingRowsOfAnotherSourceIsKeptAndNamedAndNothingIsLost() {
        allFourLayouts();
        List<PressRelease> before = load.load(DAY, NEXT, Option.none());
        Set<ObjectKey> flatBefore = flatKeys();

        BackfillReport report = backfill.backfill(
                new BackfillHistory.Request(
                        Option.none(),
                        Option.none(),
                        Option.some(Set.of(Source.of("rss"))),
                        RunMode.APPLY,
                        Shard.ALL,
                        "rss-only",
                        2),
                BackfillHistory.Progress.NONE);

        assertThat(flatKeys()).isEqualTo(flatBefore);
        assertThat(report.anyFailed()).isFalse();
        assertThat(report.dates())
                .flatExtracting(BackfillReport.DateReport::files)
                .allSatisfy(f -> assertThat(f.detail().get()).contains("sources this run was not asked for"));
        assertThat(load.load(DAY, NEXT, Option.none())).isEqualTo(before);
    }

    /** Overlapping ids across the flat part and msgId files, a source= one-row file and a pandas consolidated file. */
    private void allFourLayouts() {
        flat(
                DAY,
                "part-20250818T091244.parquet",
                Shape.POLARS_PART,
                List.of(
                        gmail("m1", "2025-08-18", "2025-08-18T09:12:44", "Åsa Lindqvist – “först”"),
                        gmail("m2", "2025-08-18", "2025-08-18T09:12:44", "Jyväskylä – “äldre”"),
                        gmail("m3", "2025-08-19", "2025-08-18T09:12:44", "Ærø – “rättad dag” 日本")));
        flat(
                DAY,
                "msgId=m2.parquet",
                Shape.REPAIRED_MSGID,
                List.of(gmail("m2", "2025-08-18", "2025-08-18T10:00:00+00:00", "Jyväskylä – “nyare” 🚀")));
        flat(
                NEXT,
                "msgId=m4.parquet",
                Shape.PYARROW_MSGID,
                List.of(gmail("m4", null, "2025-08-19T07:00:00", "Ærø – “utan datum”")));
        Partition gmailDay = new Partition(GMAIL, DAY);
        store.createIfAbsent(
                        gmailDay.prefix().key("msgId=m1.parquet"),
                        codec.encode(
                                List.of(release("m1", DAY, "2025-08-18T11:00:00Z", "Åsa – “nyast”")), FileRole.BATCH))
                .get();
        store.createIfAbsent(
                        new Partition(GMAIL, NEXT).consolidatedKey(),
                        LegacyParquet.file(
                                Shape.PANDAS,
                                List.of(gmail("m3", "2025-08-19", "2025-08-18T08:00:00+00:00", "Ærø – “äldst”"))))
                .get();
    }

    private ObjectKey flat(LocalDate date, String name, Shape shape, List<Map<String, Object>> rows) {
        ObjectKey key = new FlatFolder(date).prefix().key(name);
        store.createIfAbsent(key, LegacyParquet.file(shape, rows)).get();
        return key;
    }

    private Set<ObjectKey> flatKeys() {
        return store.list(KeyPrefix.ROOT).get().stream()
                .map(ObjectInfo::key)
                .filter(FlatFolder::isFlatDataFile)
                .collect(Collectors.toSet());
    }

    private List<ObjectKey> legacyInPartitions() {
        return store.list(KeyPrefix.ROOT).get().stream()
                .map(ObjectInfo::key)
                .filter(k -> Partition.containing(k).isDefined() && k.name().startsWith("msgId="))
                .toList();
    }

    private Set<ObjectKey> recordedFiles(ObjectKey record) {
        String text = new String(store.read(record).get().content(), StandardCharsets.UTF_8);
        return text.lines()
                .map(line -> line.substring("{\"file\":\"".length(), line.indexOf("\",\"generation\"")))
                .map(ObjectKey::of)
                .collect(Collectors.toSet());
    }

    private static BackfillHistory.Request request(RunMode mode, Shard shard) {
        return new BackfillHistory.Request(Option.none(), Option.none(), Option.none(), mode, shard, "test-run", 2);
    }

    private static PressRelease release(String id, LocalDate date, String ingestedAt, String title) {
        return PressRelease.builder(PressReleaseId.of(id), GMAIL, date)
                .ingestedAt(Instant.parse(ingestedAt))
                .title(title)
                .build();
    }
}
