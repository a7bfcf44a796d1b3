package io.feedstore.application;

import static io.feedstore.application.Releases.DAY;
import static io.feedstore.application.Releases.GMAIL_DAY;
import static io.feedstore.application.Releases.RSS_DAY;
import static io.feedstore.application.Releases.batch;
import static io.feedstore.application.Releases.legacy;
import static io.feedstore.application.Releases.put;
import static io.feedstore.application.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.adapters.hashing.Xxh3RowHash;
import io.feedstore.application.InterceptingObjectStore.Op;
import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.AnomalyRule;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.BulkObjectStore;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StorageCalls;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.domain.store.WriteCondition;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsolidatePartitionsTest {

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();

    private ConsolidatePartitions consolidation(ObjectStore on) {
        return new ConsolidatePartitions(on, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT);
    }

    private PartitionReport consolidate(Partition partition) {
        return consolidation(store).consolidate(partition, RunMode.APPLY);
    }

    private List<PressRelease> consolidatedRows(Partition partition) {
        return codec.decode(store.read(partition.consolidatedKey()).get().content())
                .get();
    }

    private List<ObjectKey> filesOf(Partition partition) {
        return StoreSnapshot.of(store).keysUnder(partition.prefix());
    }

    private List<PressRelease> loaded() {
        return new LoadPressReleases(store, codec).load(DAY, DAY, Option.none());
    }

    /** Two batches, a legacy file and an older consolidated file: 6 rows, 2 duplicates, 4 distinct ids. */
    private void fillGmail() {
        put(store, codec, GMAIL_DAY.consolidatedKey(), List.of(release("a", 1, "A old"), release("b", 1, "B")));
        batch(store, codec, List.of(release("a", 5, "A new"), release("c", 2, "C")));
        batch(store, codec, List.of(release("c", 1, "C older"), release("d", 3, "D")));
        legacy(store, codec, release("e", 4, "E"), "part-00000-legacy.parquet");
    }

    @Test
    void mergesBatchesLegacyFilesAndTheConsolidatedFileIntoOneNewestPerIdThenDeletesTheInputs() {
        fillGmail();
        List<PressRelease> before = loaded();
        long bytesBefore = StoreSnapshot.of(store).keysUnder(GMAIL_DAY.prefix()).stream()
                .mapToLong(k -> store.read(k).get().content().length)
                .sum();

        PartitionReport report = consolidate(GMAIL_DAY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(report.batchFiles()).isEqualTo(2);
        assertThat(report.legacyFiles()).isEqualTo(1);
        assertThat(report.hadConsolidated()).isTrue();
        assertThat(report.inputRows()).isEqualTo(7);
        assertThat(report.duplicatesRemoved()).isEqualTo(2);
        assertThat(report.finalRows()).isEqualTo(5);
        assertThat(report.bytesBefore()).isEqualTo(bytesBefore);
        assertThat(report.bytesAfter())
                .isEqualTo(store.read(GMAIL_DAY.consolidatedKey()).get().content().length);
        assertThat(report.anomaly()).isTrue();
        assertThat(filesOf(GMAIL_DAY)).containsExactly(GMAIL_DAY.consolidatedKey());
        assertThat(consolidatedRows(GMAIL_DAY))
                .containsExactlyInAnyOrder(
                        release("a", 5, "A new"),
                        release("b", 1, "B"),
                        release("c", 2, "C"),
                        release("d", 3, "D"),
                        release("e", 4, "E"));
        assertThat(loaded()).isEqualTo(before);
    }

    @Test
    void aFirstConsolidationCreatesTheConsolidatedFile() {
        batch(store, codec, List.of(release("a", 1, "A")));
        PartitionReport report = consolidate(GMAIL_DAY);
        assertThat(report.status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(report.hadConsolidated()).isFalse();
        assertThat(filesOf(GMAIL_DAY)).containsExactly(GMAIL_DAY.consolidatedKey());
    }

    @Test
    void theReportCountsEveryStoreCallThePartitionCost() {
        batch(store, codec, List.of(release("a", 1, "A")));
        batch(store, codec, List.of(release("b", 1, "B")));

        PartitionReport first = consolidate(GMAIL_DAY);
        // one listing; two inputs read and the consolidated file read back; one write; two deletes
        assertThat(first.storageCalls()).isEqualTo(new StorageCalls(1, 3, 1, 2));

        PartitionReport again = consolidate(GMAIL_DAY);
        assertThat(again.status()).isEqualTo(PartitionStatus.UNCHANGED);
        assertThat(again.storageCalls()).isEqualTo(new StorageCalls(1, 0, 0, 0));
    }

    @Test
    void inputsAreReadAndDeletedThroughTheStoresBulkCallsSoARemoteStoreCanOverlapThem() {
        for (int i = 0; i < 5; i++) {
            batch(store, codec, List.of(release("id-" + i, 1, "T" + i)));
        }
        List<Integer> bulkReads = new ArrayList<>();
        List<Integer> bulkDeletes = new ArrayList<>();
        ObjectStore bulkRecording = new BulkObjectStore() {
            @Override
            public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
                return store.list(prefix);
            }

            @Override
            public Either<StoreFailure, StoredObject> read(ObjectKey key) {
                return store.read(key);
            }

            @Override
            public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
                return store.createIfAbsent(key, content);
            }

            @Override
            public Either<StoreFailure, Generation> createIfAbsent(
                    ObjectKey key, io.feedstore.domain.store.ObjectAttributes a, byte[] content) {
                return store.createIfAbsent(key, a, content);
            }

            @Override
            public Either<StoreFailure, Generation> createIfAbsent(
                    ObjectKey key, io.feedstore.domain.store.ObjectAttributes a, ContentWriter w) {
                return store.createIfAbsent(key, a, w);
            }

            @Override
            public Either<StoreFailure, io.feedstore.domain.store.ObjectDetails> details(ObjectKey key) {
                return store.details(key);
            }

            @Override
            public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation g, byte[] c) {
                return store.replaceIfUnchanged(key, g, c);
            }

            @Override
            public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation g) {
                return store.deleteIfUnchanged(key, g);
            }

            @Override
            public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
                bulkReads.add(keys.size());
                return BulkCalls.openAll(store, keys);
            }

            @Override
            public Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
                bulkReads.add(keys.size());
                return BulkCalls.readAll(store, keys);
            }

            @Override
            public Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> e) {
                bulkDeletes.add(e.size());
                return BulkCalls.deleteAllIfUnchanged(store, e);
            }

            @Override
            public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
                return store.open(key, condition);
            }

            @Override
            public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition c, ContentWriter w) {
                return store.write(key, c, w);
            }

            @Override
            public String describe() {
                return store.describe();
            }
        };

        PartitionReport report = consolidation(bulkRecording).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(bulkReads).containsExactly(5);
        assertThat(bulkDeletes).containsExactly(5);
        assertThat(report.storageCalls()).isEqualTo(new StorageCalls(1, 6, 1, 5));
    }

    @Test
    void aDryRunReportsThePlanButWritesAndDeletesNothing() {
        fillGmail();
        StoreSnapshot before = StoreSnapshot.of(store);

        PartitionReport report = consolidation(store).consolidate(GMAIL_DAY, RunMode.DRY_RUN);

        assertThat(report.status()).isEqualTo(PartitionStatus.PLANNED);
        assertThat(report.inputRows()).isEqualTo(7);
        assertThat(report.duplicatesRemoved()).isEqualTo(2);
        assertThat(report.finalRows()).isEqualTo(5);
        assertThat(report.bytesAfter()).isPositive();
        assertThat(report.anomaly()).isTrue();
        assertThat(report.detail().get()).contains("would write 5 rows").contains("delete 3");
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void aPartitionHoldingOnlyItsConsolidatedFileIsNotRewritten() {
        batch(store, codec, List.of(release("a", 1, "A")));
        consolidate(GMAIL_DAY);
        StoreSnapshot before = StoreSnapshot.of(store);

        PartitionReport report = consolidate(GMAIL_DAY);

        assertThat(report.status()).isEqualTo(PartitionStatus.UNCHANGED);
        assertThat(report.hadConsolidated()).isTrue();
        assertThat(report.bytesAfter()).isEqualTo(report.bytesBefore());
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void anEmptyPartitionIsUnchanged() {
        PartitionReport report = consolidate(GMAIL_DAY);
        assertThat(report.status()).isEqualTo(PartitionStatus.UNCHANGED);
        assertThat(report.hadConsolidated()).isFalse();
        assertThat(StoreSnapshot.of(store).keys()).isEmpty();
    }

    @Test
    void anUndecodableInputFailsThePartitionNamingTheFileAndChangesNothing() {
        fillGmail();
        ObjectKey broken = GMAIL_DAY.prefix().key("part-broken.parquet");
        store.createIfAbsent(broken, "not parquet".getBytes(StandardCharsets.UTF_8));
        StoreSnapshot before = StoreSnapshot.of(store);

        PartitionReport report = consolidate(GMAIL_DAY);

        assertThat(report.status()).isEqualTo(PartitionStatus.FAILED);
        assertThat(report.detail().get())
                .contains(broken.value())
                .contains("cannot decode")
                .contains("nothing was changed");
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void aSmallPartitionIsFlaggedAsAnAnomalyButStillSucceeds() {
        batch(store, codec, List.of(release("a", 1, "A"), release("b", 1, "B"), release("c", 1, "C")));
        batch(store, codec, List.of(release("r", RSS_DAY, null, "R")));
        ConsolidatePartitions strict = new ConsolidatePartitions(
                store, codec, new InMemorySpillSpace(), new ConsolidationSettings(new AnomalyRule(3)));

        PartitionReport small = strict.consolidate(RSS_DAY, RunMode.APPLY);
        PartitionReport enough = strict.consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(small.status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(small.status().isFailure()).isFalse();
        assertThat(small.anomaly()).isTrue();
        assertThat(enough.finalRows()).isEqualTo(3);
        assertThat(enough.anomaly()).isFalse();
    }

    @Test
    void oneFailingPartitionNeverStopsTheOthersEvenOnAnUnexpectedException() {
        Partition third = new Partition(Releases.GMAIL, DAY.minusDays(1));
        batch(store, codec, List.of(release("a", 1, "A")));
        batch(store, codec, List.of(release("r", RSS_DAY, null, "R")));
        batch(store, codec, List.of(release("y", third, null, "Y")));
        InterceptingObjectStore exploding = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.before(
                        c -> c.op() == Op.READ
                                && c.target().startsWith(RSS_DAY.prefix().value()),
                        c -> {
                            throw new IllegalStateException("the network cable was cut");
                        }));
        InterceptingObjectStore unreadable = new InterceptingObjectStore(
                exploding,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.READ
                                && c.target().startsWith(third.prefix().value()),
                        InterceptingObjectStore::ioFailure));

        List<PartitionReport> reports =
                consolidation(unreadable).consolidate(List.of(RSS_DAY, third, GMAIL_DAY), RunMode.APPLY);

        assertThat(reports).extracting(PartitionReport::partition).containsExactly(RSS_DAY, third, GMAIL_DAY);
        assertThat(reports)
                .extracting(PartitionReport::status)
                .containsExactly(PartitionStatus.FAILED, PartitionStatus.FAILED, PartitionStatus.CONSOLIDATED);
        assertThat(reports.get(0).detail().get())
                .contains("the network cable was cut")
                .contains("nothing was changed");
        assertThat(reports.get(1).detail().get()).contains("could not read").contains("injected I/O failure");
        assertThat(filesOf(RSS_DAY)).hasSize(1).doesNotContain(RSS_DAY.consolidatedKey());
        assertThat(filesOf(GMAIL_DAY)).containsExactly(GMAIL_DAY.consolidatedKey());
    }

    @Test
    void aConsolidatedFileReplacedAfterItWasReadIsAConflictAndNothingIsDeleted() {
        fillGmail();
        PressRelease late = release("z", 9, "written by another run");
        InterceptingObjectStore racing =
                new InterceptingObjectStore(store, InterceptingObjectStore.before(c -> c.op() == Op.REPLACE, c -> {
                    var current = store.read(GMAIL_DAY.consolidatedKey()).get();
                    store.replaceIfUnchanged(
                            GMAIL_DAY.consolidatedKey(),
                            current.generation(),
                            codec.encode(List.of(late), FileRole.CONSOLIDATED));
                }));
        StoreSnapshot batchesBefore = StoreSnapshot.of(store);

        PartitionReport report = consolidation(racing).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(report.detail().get()).contains("another run won").contains("nothing was deleted");
        assertThat(filesOf(GMAIL_DAY)).containsExactlyElementsOf(batchesBefore.keysUnder(GMAIL_DAY.prefix()));
        assertThat(consolidatedRows(GMAIL_DAY)).containsExactly(late);
    }

    @Test
    void aConsolidatedFileCreatedByAnotherRunAfterTheListingIsAConflict() {
        batch(store, codec, List.of(release("a", 1, "A")));
        InterceptingObjectStore racing = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.before(
                        c -> c.op() == Op.CREATE,
                        c -> put(store, codec, GMAIL_DAY.consolidatedKey(), List.of(release("b", 1, "B")))));

        PartitionReport report = consolidation(racing).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(filesOf(GMAIL_DAY)).hasSize(2);
        assertThat(loaded()).extracting(r -> r.id().value()).containsExactly("a", "b");
    }

    @Test
    void anInputThatVanishesBeforeItIsReadIsAConflictAndNothingChanges() {
        fillGmail();
        ObjectKey legacyKey = GMAIL_DAY.prefix().key("part-00000-legacy.parquet");
        InterceptingObjectStore racing = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.before(
                        c -> c.op() == Op.READ && c.isAbout(legacyKey),
                        c -> store.deleteIfUnchanged(
                                legacyKey, store.read(legacyKey).get().generation())));

        PartitionReport report = consolidation(racing).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(report.detail().get()).contains(legacyKey.value()).contains("vanished");
        assertThat(filesOf(GMAIL_DAY)).hasSize(3);
    }

    @Test
    void aConsolidatedFileReplacedBetweenWritingAndVerifyingIsAConflictAndNothingIsDeleted() {
        fillGmail();
        AtomicBoolean once = new AtomicBoolean();
        InterceptingObjectStore racing = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.after(c -> c.op() == Op.REPLACE && once.compareAndSet(false, true), c -> {
                    var current = store.read(GMAIL_DAY.consolidatedKey()).get();
                    store.replaceIfUnchanged(GMAIL_DAY.consolidatedKey(), current.generation(), current.content());
                }));

        PartitionReport report = consolidation(racing).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(report.detail().get()).contains("replaced by another run").contains("nothing was deleted");
        assertThat(filesOf(GMAIL_DAY)).hasSize(4);
    }

    /** A codec that damages what it writes for the consolidated file; the batches are written honestly. */
    private RecordCodec damaging(UnaryOperator<List<PressRelease>> damage) {
        return new RecordCodec() {
            @Override
            public byte[] encode(List<PressRelease> records, FileRole role) {
                return codec.encode(role == FileRole.CONSOLIDATED ? damage.apply(records) : records, role);
            }

            @Override
            public Either<DecodeFailure, List<PressRelease>> decode(byte[] file) {
                return codec.decode(file);
            }
        };
    }

    @Test
    void aConsolidatedFileMissingARowFailsVerificationAndNothingIsDeleted() {
        fillGmail();
        List<PressRelease> before = loaded();
        ConsolidatePartitions lossy = new ConsolidatePartitions(
                store,
                damaging(rows -> rows.subList(0, rows.size() - 1)),
                new InMemorySpillSpace(),
                ConsolidationSettings.DEFAULT);

        PartitionReport report = lossy.consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.FAILED);
        assertThat(report.detail().get())
                .contains("failed verification")
                .contains("missing")
                .contains("nothing was deleted");
        assertThat(filesOf(GMAIL_DAY)).hasSize(4);
        assertThat(loaded()).isEqualTo(before);
    }

    /** The domain's SHA-256 and the XXH3-128 production checks with. */
    static List<RowHash> rowHashes() {
        return List.of(RowHash.SHA_256, new Xxh3RowHash());
    }

    @ParameterizedTest
    @MethodSource("rowHashes")
    void aConsolidatedFileWithTheRightRowCountButAChangedRowFailsVerification(RowHash hash) {
        fillGmail();
        ConsolidatePartitions corrupting = new ConsolidatePartitions(
                store,
                damaging(rows -> {
                    List<PressRelease> changed = new ArrayList<>(rows);
                    changed.set(
                            0, changed.get(0).withTitle(changed.get(0).title().getOrElse("") + "!"));
                    return changed;
                }),
                new InMemorySpillSpace(),
                ConsolidationSettings.DEFAULT,
                hash);

        PartitionReport report = corrupting.consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.FAILED);
        assertThat(report.detail().get()).contains("different content");
        assertThat(filesOf(GMAIL_DAY)).hasSize(4);
    }

    @Test
    void aBatchWrittenAfterTheListingIsLeftForTheNextRun() {
        fillGmail();
        List<ObjectKey> late = new ArrayList<>();
        InterceptingObjectStore racing = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.before(
                        c -> c.op() == Op.DELETE && late.isEmpty(),
                        c -> late.add(
                                batch(store, codec, List.of(release("a", 20, "A newest"), release("n", 1, "N"))))));

        PartitionReport report = consolidation(racing).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(filesOf(GMAIL_DAY)).containsExactlyInAnyOrder(GMAIL_DAY.consolidatedKey(), late.get(0));
        assertThat(consolidate(GMAIL_DAY).status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(consolidatedRows(GMAIL_DAY)).contains(release("a", 20, "A newest"), release("n", 1, "N"));
    }

    @Test
    void anInputChangedAfterItWasReadIsNotDeleted() {
        fillGmail();
        ObjectKey legacyKey = GMAIL_DAY.prefix().key("part-00000-legacy.parquet");
        PressRelease rewritten = release("e", 8, "E rewritten");
        InterceptingObjectStore racing = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.before(
                        c -> c.op() == Op.DELETE && c.isAbout(legacyKey),
                        c -> store.replaceIfUnchanged(
                                legacyKey,
                                store.read(legacyKey).get().generation(),
                                codec.encode(List.of(rewritten), FileRole.BATCH))));

        PartitionReport report = consolidation(racing).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(report.detail().get()).contains("1 merged inputs had changed");
        assertThat(filesOf(GMAIL_DAY)).containsExactlyInAnyOrder(GMAIL_DAY.consolidatedKey(), legacyKey);
        assertThat(loaded()).contains(rewritten);
    }

    @Test
    void aDeleteThatFailsSaysTheFileIsVerifiedAndTheNextRunFinishesTheJob() {
        fillGmail();
        List<PressRelease> before = loaded();
        InterceptingObjectStore failingDeletes = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.DELETE && c.target().endsWith("legacy.parquet"),
                        InterceptingObjectStore::ioFailure));

        PartitionReport report = consolidation(failingDeletes).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.FAILED);
        assertThat(report.detail().get()).contains("written and verified").contains("merged again next run");
        assertThat(filesOf(GMAIL_DAY)).hasSize(2);
        assertThat(loaded()).isEqualTo(before);
        assertThat(consolidate(GMAIL_DAY).status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(filesOf(GMAIL_DAY)).containsExactly(GMAIL_DAY.consolidatedKey());
        assertThat(loaded()).isEqualTo(before);
    }

    @Test
    void theConsolidatedFileIsEncodedWithTheConsolidatedOptions() {
        batch(store, codec, List.of(release("a", 1, "A")));
        List<FileRole> used = new ArrayList<>();
        RecordCodec spy = new RecordCodec() {
            @Override
            public byte[] encode(List<PressRelease> records, FileRole role) {
                used.add(role);
                return codec.encode(records, role);
            }

            @Override
            public Either<DecodeFailure, List<PressRelease>> decode(byte[] file) {
                return codec.decode(file);
            }
        };
        new ConsolidatePartitions(store, spy, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT)
                .consolidate(GMAIL_DAY, RunMode.APPLY);
        assertThat(used).containsExactly(FileRole.CONSOLIDATED);
    }

    @Test
    void theSameIdInAnotherPartitionIsNotTouched() {
        batch(store, codec, List.of(release("a", 1, "A")));
        batch(store, codec, List.of(release("a", RSS_DAY, Releases.at("2025-01-15T09:00:00Z"), "A in rss")));
        consolidate(GMAIL_DAY);
        assertThat(consolidatedRows(GMAIL_DAY)).containsExactly(release("a", 1, "A"));
        assertThat(filesOf(RSS_DAY)).hasSize(1).doesNotContain(RSS_DAY.consolidatedKey());
    }

    @Test
    void aFileHoldingARowOfAnotherSourceFailsThePartitionNamingTheFileAndTheRuleAndDeletesNothing() {
        fillGmail();
        PressRelease stray = release(
                "rss-Ærø-1", RSS_DAY, Releases.at("2025-01-15T08:00:00Z"), "Ærø Færgeri – “Ny rute” til Jyväskylä 🚢");
        ObjectKey foreign = put(store, codec, GMAIL_DAY.prefix().key("part-00001-legacy.parquet"), List.of(stray));
        StoreSnapshot before = StoreSnapshot.of(store);

        PartitionReport applied = consolidate(GMAIL_DAY);
        PartitionReport planned = consolidation(store).consolidate(GMAIL_DAY, RunMode.DRY_RUN);

        for (PartitionReport report : List.of(applied, planned)) {
            assertThat(report.status()).isEqualTo(PartitionStatus.FAILED);
            assertThat(report.detail().get())
                    .contains(foreign.value())
                    .contains("row rss-Ærø-1 of source rss / release_date 2025-01-15 does not belong to partition"
                            + " gmail 2025-01-15")
                    .contains("nothing was deleted");
        }
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void aFileHoldingARowOfAnotherDateFailsThePartitionAndDeletesNothing() {
        batch(store, codec, List.of(release("a", 1, "Åsa Lindqvist – “Kvartalsrapport” 四半期")));
        Partition dayBefore = new Partition(Releases.GMAIL, DAY.minusDays(1));
        ObjectKey foreign = put(
                store,
                codec,
                GMAIL_DAY.prefix().key("legacy-2025-01-14.parquet"),
                List.of(release("g-14", dayBefore, Releases.at("2025-01-14T09:00:00Z"), "Jyväskylä – “Avajaiset”")));
        StoreSnapshot before = StoreSnapshot.of(store);

        PartitionReport report = consolidate(GMAIL_DAY);

        assertThat(report.status()).isEqualTo(PartitionStatus.FAILED);
        assertThat(report.detail().get())
                .contains(foreign.value())
                .contains("row g-14 of source gmail / release_date 2025-01-14 does not belong to partition"
                        + " gmail 2025-01-15");
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }
}
