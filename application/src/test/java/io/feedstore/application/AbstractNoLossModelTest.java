package io.feedstore.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.backfill.Shard;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.testkit.CrashingObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * THE model-based proof of feedstore's two promises, for any object store and codec: no record is ever lost,
 * and re-running anything is safe.
 *
 * <p>Random sequences of operations run against a real store: records added through a batch writer (ids
 * repeated across partitions, equal, different and missing {@code ingested_at}), flushes, flushes whose writes
 * fail (before or after reaching the store), legacy one-row files, consolidations, dry runs, consolidations that
 * crash at their k-th mutating call (before or after it is performed), two consolidations interleaved call by
 * call on two threads in a generated order, a batch written by another writer at any point of a
 * consolidation, and loads with a whole consolidation running in the middle. The model is just the list of
 * records added. After every operation the loader must return
 * exactly the newest version (by the domain's rule) of every record known to be stored; records whose write is
 * in doubt may or may not show, but never in place of a newer known one. At the end everything is flushed and
 * consolidated, and consolidating again must change nothing at all.
 *
 * <p>Each adapter runs it by extending this class; the application module publishes it in its test-jar.
 */
public abstract class AbstractNoLossModelTest {

    /** A new, empty store; called once per generated example. */
    protected abstract ObjectStore newStore();

    protected abstract RecordCodec codec();

    /** How many random operation sequences each property tries. */
    protected int examples() {
        return 60;
    }

    protected int maxOperations() {
        return 24;
    }

    private static final LocalDate FIRST_DAY = ReleaseGenerators.PARTITIONS.stream()
            .map(Partition::releaseDate)
            .min(LocalDate::compareTo)
            .orElseThrow();
    private static final LocalDate LAST_DAY = ReleaseGenerators.PARTITIONS.stream()
            .map(Partition::releaseDate)
            .max(LocalDate::compareTo)
            .orElseThrow();
    /** Small, so that adds write batches on their own too. */
    private static final int BATCH_SIZE = 3;

    @Test
    void theLoaderAlwaysReturnsTheNewestVersionOfEveryStoredRecordWhateverCrashesRetriesOrRacesHappen() {
        qt().withExamples(examples())
                .withShrinkCycles(200)
                .forAll(operations(Mix.EVERYTHING))
                .checkAssert(this::runCheckingAfterEveryOperation);
    }

    /** The same promise under a mix dense in interleaved consolidations with other writers landing in between. */
    @Test
    void racingConsolidationsAndWritersNeverLoseARecord() {
        qt().withExamples(examples())
                .withShrinkCycles(200)
                .forAll(operations(Mix.RACES))
                .checkAssert(this::runCheckingAfterEveryOperation);
    }

    void runCheckingAfterEveryOperation(List<Operation> operations) {
        World world = new World(newStore(), codec());
        for (int i = 0; i < operations.size(); i++) {
            world.apply(operations.get(i));
            world.assertLoaderMatchesModel("after operation " + (i + 1) + " " + operations.get(i));
        }
        world.flushEverything();
        world.assertLoaderMatchesModel("after the final flush");
        world.consolidateEverything();
        world.assertLoaderMatchesModel("after consolidating every partition");
    }

    @Test
    void consolidatingTwiceEqualsConsolidatingOnce() {
        qt().withExamples(examples())
                .withShrinkCycles(200)
                .forAll(operations(Mix.EVERYTHING))
                .checkAssert(operations -> {
                    World world = new World(newStore(), codec());
                    operations.forEach(world::apply);
                    world.flushEverything();
                    world.consolidateEverything();
                    StoreSnapshot once = StoreSnapshot.of(world.store);
                    List<PressRelease> viewOnce = world.load();

                    List<PartitionReport> again =
                            world.consolidation(world.store).consolidate(world.partitions(), RunMode.APPLY);

                    assertThat(again).extracting(PartitionReport::status).allMatch(s -> s == PartitionStatus.UNCHANGED);
                    assertThat(StoreSnapshot.of(world.store))
                            .as("the store after a second consolidation")
                            .isEqualTo(once);
                    assertThat(world.load()).isEqualTo(viewOnce);
                    world.assertLoaderMatchesModel("after consolidating twice");
                });
    }

    @Test
    void backfillingTwiceEqualsBackfillingOnceAndLeavesNoFlatFile() {
        qt().withExamples(examples())
                .withShrinkCycles(200)
                .forAll(operations(Mix.EVERYTHING))
                .checkAssert(operations -> {
                    World world = new World(newStore(), codec());
                    operations.forEach(world::apply);
                    world.flushEverything();

                    BackfillReport first = world.backfillAll(world.store);

                    assertThat(first.dates())
                            .extracting(BackfillReport.DateReport::status)
                            .as("%s", first)
                            .allMatch(s -> s == BackfillReport.DateStatus.MIGRATED);
                    world.assertLoaderMatchesModel("after the backfill");
                    assertThat(world.store.list(KeyPrefix.ROOT).get())
                            .extracting(ObjectInfo::key)
                            .as("flat files after the backfill")
                            .noneMatch(FlatFolder::isFlatDataFile);
                    StoreSnapshot once = StoreSnapshot.of(world.store);
                    List<PressRelease> viewOnce = world.load();

                    BackfillReport again = world.backfillAll(world.store);

                    assertThat(again.dates())
                            .as("dates a second backfill finds to migrate")
                            .isEmpty();
                    assertThat(StoreSnapshot.of(world.store))
                            .as("the store after a second backfill")
                            .isEqualTo(once);
                    assertThat(world.load()).isEqualTo(viewOnce);
                });
    }

    // ---- Operations -------------------------------------------------------------------------------------

    /** One step of a generated history. */
    sealed interface Operation {}

    /** Adds a record through the long-lived batch writer. */
    record Add(int id, int partition, int stamp, int variant) implements Operation {
        PressRelease release() {
            return ReleaseGenerators.release(id, partition, stamp, variant);
        }

        @Override
        public String toString() {
            return "Add(pr-" + id + " p" + partition + " t" + stamp + " v" + variant + ")";
        }
    }

    record Flush() implements Operation {}

    /** A flush during which every write fails: before reaching the store, or after it was performed. */
    record FailingFlush(boolean performedFirst) implements Operation {}

    /** A legacy one-row file, as the older pipeline left them. */
    record LegacyFile(Add row) implements Operation {}

    record Consolidate(int partition) implements Operation {}

    /** A file of the older pipeline's flat layout in the folder of {@code folder}'s date; each row is its own. */
    record FlatFile(int folder, List<Add> rows) implements Operation {}

    /** A backfill of every date, nothing else running. */
    record Backfill() implements Operation {}

    /** A backfill whose process dies at its {@code crashAt}-th mutating store call. */
    record CrashingBackfill(int crashAt, CrashingObjectStore.When when) implements Operation {}

    /**
     * A backfill during which, right after its {@code afterCalls}-th store call, another process consolidates
     * {@code partition} and another writer stores {@code batch} into it.
     */
    record BackfillAmongOthers(int partition, int afterCalls, List<Add> batch) implements Operation {}

    record DryRun(int partition) implements Operation {}

    /** A consolidation whose process dies at its {@code crashAt}-th mutating store call. */
    record CrashingConsolidation(int partition, int crashAt, CrashingObjectStore.When when) implements Operation {}

    /**
     * Two consolidations on two threads whose store calls take turns as {@code schedule} says: the first makes
     * as many calls as its first element says, then the other as many as the second, and so on (long runs let
     * one overtake the other completely, short ones mix them call by call); then they alternate. Another writer
     * stores {@code batch} (into the first's partition) right after the {@code batchAfterCalls}-th store call of
     * the two together, if they make that many.
     */
    record InterleavedConsolidations(
            int first, int second, List<Integer> schedule, int batchAfterCalls, List<Add> batch) implements Operation {}

    /** Another writer stores a batch right after the consolidation's {@code afterCalls}-th store call. */
    record BatchDuringConsolidation(int partition, int afterCalls, List<Add> batch) implements Operation {}

    /**
     * A load during which a consolidation of {@code partition} runs to completion right after the loader's
     * {@code afterCalls}-th store call; what it returns must match the model like any other load.
     */
    record LoadDuringConsolidation(int partition, int afterCalls) implements Operation {}

    /** Which operations a history is made of, and how often. */
    enum Mix {
        EVERYTHING,
        RACES
    }

    private Gen<List<Operation>> operations(Mix mix) {
        return operations(mix, maxOperations());
    }

    static Gen<List<Operation>> operations(Mix mix, int maxOperations) {
        // Mostly ids from the small pool (duplicates everywhere), some fresh: a lost row is only visible while
        // it is its id's newest version, and fresh ids keep many rows in that position.
        Gen<Integer> pooled = ReleaseGenerators.ids();
        Gen<Integer> fresh = integers().between(ReleaseGenerators.IDS, 99);
        Gen<Integer> addIds = Generate.frequency(List.of(Pair.of(3, pooled), Pair.of(1, fresh)));
        Gen<Integer> otherWriterIds = Generate.frequency(List.of(Pair.of(1, pooled), Pair.of(2, fresh)));
        Gen<Add> adds = addIds.zip(
                ReleaseGenerators.partitions(), ReleaseGenerators.stamps(), ReleaseGenerators.variants(), Add::new);
        Gen<Integer> partitions = ReleaseGenerators.partitions();
        Gen<List<int[]>> batchRows = lists().of(otherWriterIds.zip(
                        ReleaseGenerators.stamps(), ReleaseGenerators.variants(), (id, stamp, variant) ->
                                new int[] {id, stamp, variant}))
                .ofSizeBetween(1, 3);
        Gen<Operation> interleaved = partitions.zip(
                integers().between(0, 3),
                lists().of(integers().between(1, 12)).ofSizeBetween(0, 8),
                integers().between(0, 10),
                batchRows,
                (p, other, schedule, after, rows) -> new InterleavedConsolidations(
                        p,
                        other == 0 ? (p + 1) % 4 : p,
                        schedule,
                        after,
                        rows.stream().map(r -> new Add(r[0], p, r[1], r[2])).toList()));
        Gen<Operation> batchDuring = partitions.zip(
                integers().between(1, 10),
                batchRows,
                (p, after, rows) -> new BatchDuringConsolidation(
                        p,
                        after,
                        rows.stream().map(r -> new Add(r[0], p, r[1], r[2])).toList()));
        Gen<Operation> crashing = partitions.zip(
                integers().between(1, 8),
                Generate.enumValues(CrashingObjectStore.When.class),
                CrashingConsolidation::new);
        Gen<Operation> loadDuring = partitions.zip(integers().between(1, 8), LoadDuringConsolidation::new);
        Gen<Operation> flatFile = partitions.zip(lists().of(adds).ofSizeBetween(1, 4), FlatFile::new);
        Gen<Operation> crashingBackfill = integers()
                .between(1, 12)
                .zip(Generate.enumValues(CrashingObjectStore.When.class), CrashingBackfill::new);
        Gen<Operation> backfillAmongOthers = partitions.zip(
                integers().between(1, 16),
                batchRows,
                (p, after, rows) -> new BackfillAmongOthers(
                        p,
                        after,
                        rows.stream().map(r -> new Add(r[0], p, r[1], r[2])).toList()));
        Gen<Operation> operation = mix == Mix.RACES
                ? Generate.frequency(List.of(
                        Pair.of(8, adds.map(a -> (Operation) a)),
                        Pair.of(3, Generate.constant(new Flush())),
                        Pair.of(1, partitions.map(Consolidate::new)),
                        Pair.of(5, interleaved),
                        Pair.of(2, batchDuring),
                        Pair.of(2, loadDuring),
                        Pair.of(1, flatFile),
                        Pair.of(1, backfillAmongOthers)))
                : Generate.frequency(List.of(
                        Pair.of(12, adds.map(a -> (Operation) a)),
                        Pair.of(3, Generate.constant(new Flush())),
                        Pair.of(1, booleans().all().map(FailingFlush::new)),
                        Pair.of(1, adds.map(LegacyFile::new)),
                        Pair.of(3, partitions.map(Consolidate::new)),
                        Pair.of(1, partitions.map(DryRun::new)),
                        Pair.of(3, crashing),
                        Pair.of(2, interleaved),
                        Pair.of(2, batchDuring),
                        Pair.of(1, loadDuring),
                        Pair.of(2, flatFile),
                        Pair.of(1, Generate.constant(new Backfill())),
                        Pair.of(2, crashingBackfill),
                        Pair.of(1, backfillAmongOthers)));
        return lists().of(operation).ofSizeBetween(1, maxOperations);
    }

    // ---- The system under test and its model -------------------------------------------------------------

    /** One example's store, writer and model. */
    final class World {

        final ObjectStore store;
        final RecordCodec codec;
        /** How the long-lived writer's writes currently fare. */
        private final AtomicReference<WriteFate> writes = new AtomicReference<>(WriteFate.SUCCEED);

        private final BatchWriter writer;
        /** Records known to be stored: their flush (or direct write) succeeded. */
        private final List<PressRelease> stored = new ArrayList<>();
        /** Records added to the writer and not yet confirmed by a successful flush: stored or not, in doubt. */
        private final List<PressRelease> inDoubt = new ArrayList<>();

        private int legacyFiles;
        private int flatFiles;

        World(ObjectStore store, RecordCodec codec) {
            this.store = store;
            this.codec = codec;
            this.writer = new BatchWriter(
                    new InterceptingObjectStore(store, new InterceptingObjectStore.Interceptor() {
                        @Override
                        public <T> Either<StoreFailure, T> intercept(
                                InterceptingObjectStore.Call call, Supplier<Either<StoreFailure, T>> proceed) {
                            return switch (writes.get()) {
                                case SUCCEED -> proceed.get();
                                case FAIL_BEFORE -> Either.left(InterceptingObjectStore.ioFailure(call));
                                case FAIL_AFTER -> {
                                    proceed.get();
                                    yield Either.left(InterceptingObjectStore.ioFailure(call));
                                }
                            };
                        }
                    }),
                    codec,
                    new BatchWriterSettings(BATCH_SIZE),
                    Releases.CLOCK);
        }

        ConsolidatePartitions consolidation(ObjectStore on) {
            return new ConsolidatePartitions(on, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT);
        }

        /**
         * Three dates in flight: a flat file's rows land in other dates' partitions, so dates in flight consolidate
         * the same partitions and append to the same record.
         */
        BackfillReport backfillAll(ObjectStore on) {
            return new BackfillHistory(on, codec, new InMemorySpillSpace(), consolidation(on))
                    .backfill(
                            new BackfillHistory.Request(
                                    Option.none(),
                                    Option.none(),
                                    Option.none(),
                                    RunMode.APPLY,
                                    Shard.ALL,
                                    "model",
                                    2,
                                    3),
                            BackfillHistory.Progress.NONE);
        }

        List<PressRelease> load() {
            return new LoadPressReleases(store, codec, 3, Duration.ZERO).load(FIRST_DAY, LAST_DAY, Option.none());
        }

        List<Partition> partitions() {
            return new FindPartitions(store).all().getOrElseThrow(f -> new AssertionError(f.message()));
        }

        void apply(Operation operation) {
            if (operation instanceof Add add) {
                inDoubt.add(add.release());
                writer.add(add.release());
            } else if (operation instanceof Flush) {
                flushEverything();
            } else if (operation instanceof FailingFlush failing) {
                failingFlush(failing.performedFirst());
            } else if (operation instanceof LegacyFile legacy) {
                PressRelease row = legacy.row().release();
                ObjectKey key = row.partition().prefix().key("part-" + (legacyFiles++) + "-c000.snappy.parquet");
                assertThat(store.createIfAbsent(key, codec.encode(List.of(row), FileRole.BATCH))
                                .isRight())
                        .isTrue();
                stored.add(row);
            } else if (operation instanceof FlatFile flat) {
                List<PressRelease> rows = flat.rows().stream().map(Add::release).toList();
                ObjectKey key = new FlatFolder(partition(flat.folder()).releaseDate())
                        .prefix()
                        .key("part-model-" + (flatFiles++) + ".parquet");
                assertThat(store.createIfAbsent(key, codec.encode(rows, FileRole.BATCH))
                                .isRight())
                        .isTrue();
                stored.addAll(rows);
            } else if (operation instanceof Backfill) {
                BackfillReport report = backfillAll(store);
                assertThat(report.dates())
                        .extracting(BackfillReport.DateReport::status)
                        .as("%s", report)
                        .allMatch(s -> s == BackfillReport.DateStatus.MIGRATED);
            } else if (operation instanceof CrashingBackfill c) {
                backfillAll(new CrashingObjectStore(store, c.crashAt(), c.when()));
            } else if (operation instanceof BackfillAmongOthers c) {
                backfillAmongOthers(c);
            } else if (operation instanceof Consolidate c) {
                consolidateAlone(partition(c.partition()));
            } else if (operation instanceof DryRun d) {
                dryRun(partition(d.partition()));
            } else if (operation instanceof CrashingConsolidation c) {
                crashingConsolidation(c);
            } else if (operation instanceof InterleavedConsolidations c) {
                interleaved(c);
            } else if (operation instanceof BatchDuringConsolidation c) {
                batchDuring(c);
            } else if (operation instanceof LoadDuringConsolidation c) {
                loadDuring(c);
            } else {
                throw new IllegalArgumentException("unknown operation " + operation);
            }
        }

        void flushEverything() {
            writer.flush();
            stored.addAll(inDoubt);
            inDoubt.clear();
        }

        private void failingFlush(boolean performedFirst) {
            int buffered = writer.pendingRecords();
            writes.set(performedFirst ? WriteFate.FAIL_AFTER : WriteFate.FAIL_BEFORE);
            try {
                writer.flush();
                assertThat(buffered)
                        .as("a flush with nothing buffered writes nothing, so cannot fail")
                        .isZero();
            } catch (BatchWriteException e) {
                assertThat(buffered).isPositive();
            } finally {
                writes.set(WriteFate.SUCCEED);
            }
            assertThat(writer.pendingRecords())
                    .as("records kept after a failed flush")
                    .isEqualTo(buffered);
        }

        void consolidateEverything() {
            List<PartitionReport> reports = consolidation(store).consolidate(partitions(), RunMode.APPLY);
            assertThat(reports)
                    .extracting(PartitionReport::status)
                    .as("consolidating every partition, nothing else running")
                    .allMatch(s -> s == PartitionStatus.CONSOLIDATED || s == PartitionStatus.UNCHANGED);
            reports.forEach(r -> assertOnlyConsolidated(r.partition()));
        }

        private void consolidateAlone(Partition partition) {
            PartitionReport report = consolidation(store).consolidate(partition, RunMode.APPLY);
            assertThat(report.status()).as("%s", report).isIn(PartitionStatus.CONSOLIDATED, PartitionStatus.UNCHANGED);
            assertOnlyConsolidated(partition);
        }

        private void dryRun(Partition partition) {
            StoreSnapshot before = StoreSnapshot.of(store);
            PartitionReport report = consolidation(store).consolidate(partition, RunMode.DRY_RUN);
            assertThat(report.status()).isIn(PartitionStatus.PLANNED, PartitionStatus.UNCHANGED);
            assertThat(StoreSnapshot.of(store)).as("the store after a dry run").isEqualTo(before);
        }

        private void crashingConsolidation(CrashingConsolidation c) {
            CrashingObjectStore crashing = new CrashingObjectStore(store, c.crashAt(), c.when());
            PartitionReport report = consolidation(crashing).consolidate(partition(c.partition()), RunMode.APPLY);
            if (crashing.crashed()) {
                assertThat(report.status()).as("%s", report).isEqualTo(PartitionStatus.FAILED);
            } else {
                assertThat(report.status())
                        .as("%s", report)
                        .isIn(PartitionStatus.CONSOLIDATED, PartitionStatus.UNCHANGED);
            }
        }

        private void interleaved(InterleavedConsolidations c) {
            TurnTaking turns = new TurnTaking(c.schedule());
            AtomicInteger calls = new AtomicInteger();
            List<PressRelease> rows = c.batch().stream().map(Add::release).toList();
            // Runs inside a call's turn, so it lands exactly between two calls of the interleaving.
            ObjectStore withOtherWriter = new InterceptingObjectStore(
                    store,
                    InterceptingObjectStore.after(call -> calls.incrementAndGet() == c.batchAfterCalls(), call -> {
                        Releases.batch(store, codec, rows);
                        stored.addAll(rows);
                    }));
            Partition[] partitions = {partition(c.first()), partition(c.second())};
            PartitionReport[] reports = new PartitionReport[2];
            Throwable[] errors = new Throwable[2];
            Thread[] threads = new Thread[2];
            for (int actor = 0; actor < 2; actor++) {
                int me = actor;
                ObjectStore mine = new InterceptingObjectStore(withOtherWriter, turns.interceptor(me));
                threads[actor] = new Thread(
                        () -> {
                            try {
                                reports[me] = consolidation(mine).consolidate(partitions[me], RunMode.APPLY);
                            } catch (Throwable t) {
                                errors[me] = t;
                            } finally {
                                turns.finished(me);
                            }
                        },
                        "consolidation-" + actor);
            }
            for (Thread thread : threads) {
                thread.start();
            }
            for (Thread thread : threads) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
            }
            for (Throwable error : errors) {
                if (error != null) {
                    throw new AssertionError("an interleaved consolidation threw", error);
                }
            }
            List<PartitionStatus> statuses = List.of(reports[0].status(), reports[1].status());
            assertThat(statuses).as("%s", List.of(reports[0], reports[1])).doesNotContain(PartitionStatus.FAILED);
            if (partitions[0].equals(partitions[1])) {
                // A conflict only ever means the other run wrote; the last writer verifies its own file.
                assertThat(statuses)
                        .as("%s", List.of(reports[0], reports[1]))
                        .isNotEqualTo(List.of(PartitionStatus.CONFLICT, PartitionStatus.CONFLICT));
            } else {
                assertThat(statuses).doesNotContain(PartitionStatus.CONFLICT);
            }
        }

        private void batchDuring(BatchDuringConsolidation c) {
            Partition partition = partition(c.partition());
            AtomicInteger calls = new AtomicInteger();
            List<ObjectKey> written = new ArrayList<>();
            List<PressRelease> rows = c.batch().stream().map(Add::release).toList();
            Runnable otherWriter = () -> {
                written.add(Releases.batch(store, codec, rows));
                stored.addAll(rows);
            };
            ObjectStore racing = new InterceptingObjectStore(
                    store,
                    InterceptingObjectStore.after(
                            call -> calls.incrementAndGet() == c.afterCalls(), call -> otherWriter.run()));

            PartitionReport report = consolidation(racing).consolidate(partition, RunMode.APPLY);

            assertThat(report.status()).as("%s", report).isIn(PartitionStatus.CONSOLIDATED, PartitionStatus.UNCHANGED);
            if (written.isEmpty()) {
                otherWriter.run();
            } else {
                assertThat(store.read(written.get(0)).isRight())
                        .as("a batch written after the listing is never deleted")
                        .isTrue();
            }
        }

        private void backfillAmongOthers(BackfillAmongOthers c) {
            AtomicInteger calls = new AtomicInteger();
            List<PressRelease> rows = c.batch().stream().map(Add::release).toList();
            AtomicInteger ran = new AtomicInteger();
            Runnable others = () -> {
                consolidation(store).consolidate(partition(c.partition()), RunMode.APPLY);
                Releases.batch(store, codec, rows);
                synchronized (stored) {
                    stored.addAll(rows);
                }
                ran.incrementAndGet();
            };
            ObjectStore racing = new InterceptingObjectStore(
                    store,
                    InterceptingObjectStore.after(
                            call -> calls.incrementAndGet() == c.afterCalls(), call -> others.run()));

            backfillAll(racing);

            if (ran.get() == 0) {
                others.run();
            }
        }

        private void loadDuring(LoadDuringConsolidation c) {
            AtomicInteger calls = new AtomicInteger();
            List<PartitionReport> reports = new ArrayList<>();
            ObjectStore racing = new InterceptingObjectStore(
                    store,
                    InterceptingObjectStore.after(
                            call -> calls.incrementAndGet() == c.afterCalls(),
                            call -> reports.add(
                                    consolidation(store).consolidate(partition(c.partition()), RunMode.APPLY))));

            List<PressRelease> loaded =
                    new LoadPressReleases(racing, codec, 3, Duration.ZERO).load(FIRST_DAY, LAST_DAY, Option.none());

            assertThat(reports)
                    .extracting(PartitionReport::status)
                    .allMatch(s -> s == PartitionStatus.CONSOLIDATED || s == PartitionStatus.UNCHANGED);
            assertMatchesModel(loaded, "the load during " + c);
        }

        private void assertOnlyConsolidated(Partition partition) {
            List<ObjectKey> data = ConsolidationPlan.of(
                            partition,
                            store.list(partition.prefix()).getOrElseThrow(f -> new AssertionError(f.message())))
                    .inputs()
                    .stream()
                    .map(f -> f.object().key())
                    .toList();
            assertThat(data)
                    .as("data files of %s after it was consolidated", partition)
                    .isSubsetOf(partition.consolidatedKey());
        }

        /**
         * The loader's view against the model: for each id, the newest known-stored version; a version in doubt
         * may show instead only where it is newer than that.
         */
        void assertLoaderMatchesModel(String when) {
            assertMatchesModel(load(), when);
        }

        private void assertMatchesModel(List<PressRelease> loaded, String when) {
            Map<PressReleaseId, PressRelease> view = new HashMap<>();
            for (PressRelease r : loaded) {
                assertThat(view.put(r.id(), r))
                        .as("%s: %s is loaded once", when, r.id())
                        .isNull();
            }
            Map<PressReleaseId, PressRelease> known = Deduplication.newestPerId(stored).records().stream()
                    .collect(Collectors.toMap(PressRelease::id, r -> r));
            Map<PressReleaseId, List<PressRelease>> doubtful =
                    inDoubt.stream().collect(Collectors.groupingBy(PressRelease::id));
            Set<PressReleaseId> ids = new HashSet<>(known.keySet());
            ids.addAll(doubtful.keySet());
            assertThat(ids).as("%s: ids loaded that were never added", when).containsAll(view.keySet());
            for (PressReleaseId id : ids) {
                PressRelease seen = view.get(id);
                PressRelease newestKnown = known.get(id);
                List<PressRelease> maybe = doubtful.getOrDefault(id, List.of());
                if (maybe.isEmpty() || seen == null) {
                    assertThat(seen)
                            .as("%s: the version of %s loaded", when, id)
                            .isEqualTo(newestKnown);
                } else if (!seen.equals(newestKnown)) {
                    assertThat(maybe)
                            .as("%s: %s loaded in a version never added", when, id)
                            .contains(seen);
                    if (newestKnown != null) {
                        assertThat(PressRelease.NEWEST_LAST.compare(seen, newestKnown))
                                .as("%s: %s loaded in a version older than one known stored", when, id)
                                .isPositive();
                    }
                }
            }
        }
    }

    private static Partition partition(int index) {
        return ReleaseGenerators.PARTITIONS.get(index);
    }

    private enum WriteFate {
        SUCCEED,
        FAIL_BEFORE,
        FAIL_AFTER
    }

    /**
     * Lets two threads make their store calls strictly one at a time, in the order a generated schedule says,
     * so that an interleaving is real (two threads, one store) yet reproducible from the schedule.
     */
    static final class TurnTaking {

        private final Iterator<Integer> runs;
        private final boolean[] finished = new boolean[2];
        private int turn;
        private int callsLeftInRun;

        TurnTaking(List<Integer> schedule) {
            this.runs = schedule.iterator();
            this.turn = 0;
            this.callsLeftInRun = runs.hasNext() ? runs.next() : 1;
        }

        InterceptingObjectStore.Interceptor interceptor(int actor) {
            return new InterceptingObjectStore.Interceptor() {
                @Override
                public <T> Either<StoreFailure, T> intercept(
                        InterceptingObjectStore.Call call, Supplier<Either<StoreFailure, T>> proceed) {
                    awaitTurn(actor);
                    try {
                        return proceed.get();
                    } finally {
                        called(actor);
                    }
                }
            };
        }

        private synchronized void awaitTurn(int actor) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (turn != actor && !finished[1 - actor]) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("consolidation " + actor + " waited 30 s for its turn");
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        private synchronized void called(int actor) {
            if (--callsLeftInRun <= 0) {
                turn = 1 - actor;
                callsLeftInRun = runs.hasNext() ? runs.next() : 1;
            }
            notifyAll();
        }

        synchronized void finished(int actor) {
            finished[actor] = true;
            turn = 1 - actor;
            notifyAll();
        }
    }
}
