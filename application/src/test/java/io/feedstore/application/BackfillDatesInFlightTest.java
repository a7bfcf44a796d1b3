package io.feedstore.application;

import static io.feedstore.application.LoadFlatFoldersTest.gmail;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.BackfillReport.DateStatus;
import io.feedstore.application.LegacyParquet.Shape;
import io.feedstore.domain.backfill.MigrationEntry;
import io.feedstore.domain.backfill.Shard;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectDetails;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.WriteCondition;
import io.feedstore.testkit.ForwardingObjectContent;
import io.feedstore.testkit.ForwardingObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Several dates backfilled at once: dates whose rows land in the same partition, and dates whose migration entries
 * go to the one record at the same moment, lose nothing.
 */
class BackfillDatesInFlightTest {

    private static final LocalDate FIRST = LocalDate.of(2025, 8, 18);
    private static final int DATES = 6;
    private static final Source GMAIL = Source.of("gmail");
    /** Every date's folder holds a row corrected to this date, so every date consolidates its partition. */
    private static final LocalDate SHARED = FIRST.plusDays(DATES);

    private final InMemoryObjectStore memory = new InMemoryObjectStore();
    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    @RepeatedTest(3)
    void datesSharingAPartitionBackfilledAtOnceLoseNothingAndLeaveOneConsolidatedFileHoldingEveryRow() {
        Set<String> sharedIds = new TreeSet<>();
        for (int d = 0; d < DATES; d++) {
            LocalDate date = FIRST.plusDays(d);
            String own = "m" + d;
            String moved = "k" + d;
            sharedIds.add(moved);
            flat(date, "msgId=" + own + ".parquet", gmail(own, date.toString(), ingested(d), "Åsa Lindqvist – “dag”"));
            flat(
                    date,
                    "msgId=" + moved + ".parquet",
                    gmail(moved, SHARED.toString(), ingested(d), "Jyväskylä – “rättad dag” 日本 🚀"));
        }
        List<PressRelease> before = load();
        ObjectStore slow = slow(memory);

        BackfillReport report = backfill(slow).backfill(request("shared"), BackfillHistory.Progress.NONE);

        assertThat(report.dates())
                .as("%s", report)
                .extracting(BackfillReport.DateReport::status)
                .containsOnly(DateStatus.MIGRATED)
                .hasSize(DATES);
        assertThat(load()).isEqualTo(before);
        assertThat(flatKeys()).isEmpty();
        Partition shared = new Partition(GMAIL, SHARED);
        assertThat(memory.list(shared.prefix()).get())
                .extracting(ObjectInfo::key)
                .containsExactly(shared.consolidatedKey());
        assertThat(codec.decode(memory.read(shared.consolidatedKey()).get().content()).get().stream()
                        .map(r -> r.id().value())
                        .collect(Collectors.toSet()))
                .isEqualTo(sharedIds);
    }

    /**
     * On GCS a ranged read of a generation that has since been replaced fails. A date reads its partitions'
     * consolidated files back to check its rows are held; if another date in flight could consolidate the same
     * partition during that read, the first date would keep its files and fail for no fault of theirs. Here every
     * read by the thread that last wrote the shared consolidated file waits for another thread's write, which must
     * not come while that thread still works on the partition.
     */
    @RepeatedTest(2)
    void aDateReadingItsConsolidatedFileBackIsNotCutOffByAnotherDateConsolidatingTheSamePartition() {
        int dates = 2;
        for (int d = 0; d < dates; d++) {
            LocalDate date = FIRST.plusDays(d);
            flat(
                    date,
                    "msgId=k" + d + ".parquet",
                    gmail("k" + d, SHARED.toString(), ingested(d), "Søren Kierkegård – “flyttet” 東京 🎉"));
        }
        Partition shared = new Partition(GMAIL, SHARED);
        List<PressRelease> before = load();

        BackfillReport report = backfill(new GenerationBoundReads(memory, shared.consolidatedKey()))
                .backfill(request("bound", dates), BackfillHistory.Progress.NONE);

        assertThat(report.dates())
                .as("%s", report)
                .extracting(BackfillReport.DateReport::status)
                .containsOnly(DateStatus.MIGRATED)
                .hasSize(dates);
        assertThat(load()).isEqualTo(before);
        assertThat(flatKeys()).isEmpty();
    }

    @RepeatedTest(3)
    void appendsOfDatesInFlightThatConflictWithEachOtherAndAnotherProcessKeepEveryEntry() {
        for (int d = 0; d < DATES; d++) {
            LocalDate date = FIRST.plusDays(d);
            flat(date, "msgId=m" + d + ".parquet", gmail("m" + d, date.toString(), ingested(d), "Ærø – “post”"));
        }
        ObjectKey record = MigrationEntry.recordOf("conflict");
        String otherLine = "{\"file\":\"another-process\"}\n";
        AtomicBoolean otherWrote = new AtomicBoolean();
        // Every read of the record is slow to answer, so that the dates' appends overlap; and another process
        // appends its own entry just before this process's first replacement of the record.
        ObjectStore racing = new InterceptingObjectStore(slow(memory), new InterceptingObjectStore.Interceptor() {
            @Override
            public <T> Either<StoreFailure, T> intercept(
                    InterceptingObjectStore.Call call, Supplier<Either<StoreFailure, T>> proceed) {
                if (call.op() == InterceptingObjectStore.Op.READ && call.isAbout(record)) {
                    Either<StoreFailure, T> read = proceed.get();
                    pause(50);
                    return read;
                }
                if (call.op() == InterceptingObjectStore.Op.REPLACE
                        && call.isAbout(record)
                        && otherWrote.compareAndSet(false, true)) {
                    var current = memory.read(record).get();
                    byte[] added = otherLine.getBytes(StandardCharsets.UTF_8);
                    byte[] both = new byte[current.content().length + added.length];
                    System.arraycopy(current.content(), 0, both, 0, current.content().length);
                    System.arraycopy(added, 0, both, current.content().length, added.length);
                    memory.replaceIfUnchanged(record, current.generation(), both)
                            .get();
                }
                return proceed.get();
            }
        });

        BackfillReport report = backfill(racing).backfill(request("conflict"), BackfillHistory.Progress.NONE);

        assertThat(report.dates())
                .as("%s", report)
                .extracting(BackfillReport.DateReport::status)
                .containsOnly(DateStatus.MIGRATED)
                .hasSize(DATES);
        assertThat(flatKeys()).isEmpty();
        List<String> lines = new String(memory.read(record).get().content(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(otherWrote).isTrue();
        assertThat(lines).contains(otherLine.strip());
        assertThat(lines.stream()
                        .filter(l -> !l.equals(otherLine.strip()))
                        .map(l -> l.substring("{\"file\":\"".length(), l.indexOf("\",\"generation\"")))
                        .collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, DATES)
                        .mapToObj(d -> new FlatFolder(FIRST.plusDays(d))
                                .prefix()
                                .key("msgId=m" + d + ".parquet")
                                .value())
                        .collect(Collectors.toSet()));
    }

    private BackfillHistory backfill(ObjectStore on) {
        return new BackfillHistory(
                on,
                codec,
                new InMemorySpillSpace(),
                new ConsolidatePartitions(on, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT));
    }

    private static BackfillHistory.Request request(String run) {
        return request(run, DATES);
    }

    /** Every date of the run in flight at once, four files at a time. */
    private static BackfillHistory.Request request(String run, int datesAtOnce) {
        return new BackfillHistory.Request(
                Option.none(), Option.none(), Option.none(), RunMode.APPLY, Shard.ALL, run, 4, datesAtOnce);
    }

    /** A store whose every call takes a few milliseconds, so that the dates in flight overlap. */
    private static ObjectStore slow(ObjectStore store) {
        return new InterceptingObjectStore(store, new InterceptingObjectStore.Interceptor() {
            @Override
            public <T> Either<StoreFailure, T> intercept(
                    InterceptingObjectStore.Call call, Supplier<Either<StoreFailure, T>> proceed) {
                pause(3);
                return proceed.get();
            }
        });
    }

    /**
     * Reads of one key as GCS serves them: opened content reads exactly the generation it was opened at and fails
     * once that generation is replaced. An open by the thread that made the key's latest write waits up to
     * {@link #WAIT_MS} for another thread to write it, so a write that can overlap that read does.
     */
    private static final class GenerationBoundReads extends ForwardingObjectStore {
        private static final long WAIT_MS = 400;
        private final ObjectStore live;
        private final ObjectKey key;
        private final Object written = new Object();
        private long writes;
        private Thread lastWriter;

        GenerationBoundReads(ObjectStore live, ObjectKey key) {
            super(live);
            this.live = live;
            this.key = key;
        }

        @Override
        public Either<StoreFailure, Generation> write(
                ObjectKey target, WriteCondition condition, ContentWriter writer) {
            Either<StoreFailure, Generation> result = super.write(target, condition, writer);
            if (target.equals(key) && result.isRight()) {
                synchronized (written) {
                    writes++;
                    lastWriter = Thread.currentThread();
                    written.notifyAll();
                }
            }
            return result;
        }

        @Override
        public Either<StoreFailure, ObjectContent> open(ObjectKey target, ReadCondition condition) {
            Either<StoreFailure, ObjectContent> opened = super.open(target, condition);
            if (!target.equals(key) || opened.isLeft()) {
                return opened;
            }
            awaitAnotherWriter();
            return opened.map(content -> new ForwardingObjectContent(content) {
                @Override
                public void readFully(long position, byte[] target, int offset, int length) throws IOException {
                    Either<StoreFailure, ObjectDetails> now = live.details(key);
                    if (now.isLeft() || !now.get().info().generation().equals(generation())) {
                        throw new IOException(key.value() + " generation " + generation() + " is gone (404)");
                    }
                    super.readFully(position, target, offset, length);
                }
            });
        }

        private void awaitAnotherWriter() {
            synchronized (written) {
                if (lastWriter != Thread.currentThread()) {
                    return;
                }
                long seen = writes;
                long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
                try {
                    while (writes == seen && System.nanoTime() < deadline) {
                        written.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ingested(int day) {
        return FIRST.plusDays(day) + "T09:12:44";
    }

    private void flat(LocalDate date, String name, Map<String, Object> row) {
        ObjectKey key = new FlatFolder(date).prefix().key(name);
        memory.createIfAbsent(key, LegacyParquet.file(Shape.PYARROW_MSGID, List.of(row)))
                .get();
    }

    private List<PressRelease> load() {
        return new LoadPressReleases(memory, codec).load(FIRST, SHARED, Option.none());
    }

    private List<ObjectKey> flatKeys() {
        List<ObjectKey> keys = new ArrayList<>();
        memory.list(KeyPrefix.ROOT).get().stream()
                .map(ObjectInfo::key)
                .filter(FlatFolder::isFlatDataFile)
                .forEach(keys::add);
        return keys;
    }
}
