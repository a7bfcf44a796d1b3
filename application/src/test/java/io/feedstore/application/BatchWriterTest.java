package io.feedstore.application;

import static io.feedstore.application.Releases.CLOCK;
import static io.feedstore.application.Releases.DAY;
import static io.feedstore.application.Releases.GMAIL_DAY;
import static io.feedstore.application.Releases.RSS_DAY;
import static io.feedstore.application.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.application.InterceptingObjectStore.Call;
import io.feedstore.application.InterceptingObjectStore.Op;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Either;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();

    private BatchWriter writer(int batchSize) {
        return new BatchWriter(store, codec, new BatchWriterSettings(batchSize), CLOCK);
    }

    private List<PressRelease> stored(ObjectKey key) {
        return codec.decode(store.read(key).get().content()).get();
    }

    private List<ObjectKey> keys() {
        return StoreSnapshot.of(store).keysUnder(StoreLayout.TABLE);
    }

    @Test
    void aPartitionIsWrittenAsOneBatchWhenItReachesTheBatchSize() {
        BatchWriter writer = writer(3);
        writer.add(release("a", 1, "A"));
        writer.add(release("b", 1, "B"));
        assertThat(keys()).isEmpty();
        writer.add(release("c", 1, "C"));

        assertThat(writer.writtenBatches()).hasSize(1);
        ObjectKey key = writer.writtenBatches().get(0);
        assertThat(keys()).containsExactly(key);
        assertThat(key.parent()).isEqualTo(GMAIL_DAY.prefix());
        assertThat(PartitionFile.classify(store.read(key).get().info()).kind()).isEqualTo(PartitionFile.Kind.BATCH);
        BatchName name = BatchName.parse(key.name()).get();
        assertThat(name.sequence()).isEqualTo(1);
        assertThat(name.createdAt()).isEqualTo(LocalDateTime.of(2025, 1, 16, 3, 4, 5));
        assertThat(key.name()).matches("batch_0001_20250116_030405_[a-z0-9]{10}\\.parquet");
        assertThat(stored(key)).extracting(r -> r.id().value()).containsExactly("a", "b", "c");
        assertThat(writer.pendingRecords()).isZero();
    }

    @Test
    void flushWritesEveryNonEmptyPartitionOnceAndNothingWhenEmpty() {
        BatchWriter writer = writer(100);
        writer.flush();
        assertThat(keys()).isEmpty();
        writer.add(release("a", 1, "A"));
        writer.add(release("r", RSS_DAY, Releases.at("2025-01-15T01:00:00Z"), "R"));
        writer.add(release("b", 1, "B"));
        writer.flush();
        writer.flush();

        assertThat(writer.writtenBatches()).hasSize(2);
        assertThat(writer.writtenBatches())
                .extracting(ObjectKey::parent)
                .containsExactlyInAnyOrder(GMAIL_DAY.prefix(), RSS_DAY.prefix());
        assertThat(keys()).containsExactlyInAnyOrderElementsOf(writer.writtenBatches());
    }

    @Test
    void sequencesCountPerPartitionAndEachWriterHasItsOwnSuffix() {
        BatchWriter first = writer(1);
        BatchWriter second = writer(1);
        first.add(release("a", 1, "A"));
        first.add(release("b", 1, "B"));
        first.add(release("r", RSS_DAY, null, "R"));
        second.add(release("a", 2, "A2"));

        List<BatchName> names = first.writtenBatches().stream()
                .map(k -> BatchName.parse(k.name()).get())
                .toList();
        assertThat(names).extracting(BatchName::sequence).containsExactly(1, 2, 1);
        assertThat(names)
                .extracting(BatchName::unique)
                .containsOnly(names.get(0).unique());
        assertThat(BatchName.parse(second.writtenBatches().get(0).name()).get().unique())
                .isNotEqualTo(names.get(0).unique());
        assertThat(keys()).hasSize(4);
    }

    @Test
    void closeFlushesAndRefusesLaterAdds() {
        BatchWriter writer = writer(10);
        writer.add(release("a", 1, "A"));
        writer.close();
        assertThat(keys()).hasSize(1);
        assertThatThrownBy(() -> writer.add(release("b", 1, "B")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed")
                .hasMessageContaining("b");
        writer.close();
        assertThat(keys()).hasSize(1);
    }

    @Test
    void aFailedWriteKeepsTheRecordsBufferedAndTheNextFlushWritesThem() {
        AtomicBoolean failing = new AtomicBoolean(true);
        InterceptingObjectStore flaky = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.CREATE && failing.get(), InterceptingObjectStore::ioFailure));
        BatchWriter writer = new BatchWriter(flaky, codec, new BatchWriterSettings(10), CLOCK);
        writer.add(release("a", 1, "A"));
        writer.add(release("b", 1, "B"));

        assertThatThrownBy(writer::flush)
                .isInstanceOfSatisfying(BatchWriteException.class, e -> {
                    assertThat(e.key().parent()).isEqualTo(GMAIL_DAY.prefix());
                    assertThat(e.failure().get()).isInstanceOf(StoreFailure.IoFailure.class);
                })
                .hasMessageContaining("injected I/O failure")
                .hasMessageContaining("still buffered");
        assertThat(writer.pendingRecords()).isEqualTo(2);
        assertThat(keys()).isEmpty();
        assertThatThrownBy(writer::close).isInstanceOf(BatchWriteException.class);

        failing.set(false);
        writer.flush();
        assertThat(writer.pendingRecords()).isZero();
        assertThat(keys()).hasSize(1);
        assertThat(stored(keys().get(0))).extracting(r -> r.id().value()).containsExactly("a", "b");
    }

    @Test
    void anAddWhoseBatchCannotBeWrittenRaisesButKeepsTheRecord() {
        AtomicBoolean failing = new AtomicBoolean(true);
        InterceptingObjectStore flaky = new InterceptingObjectStore(
                store, InterceptingObjectStore.failing(c -> failing.get(), InterceptingObjectStore::ioFailure));
        BatchWriter writer = new BatchWriter(flaky, codec, new BatchWriterSettings(1), CLOCK);
        assertThatThrownBy(() -> writer.add(release("a", 1, "A"))).isInstanceOf(BatchWriteException.class);
        assertThat(writer.pendingRecords()).isEqualTo(1);
        failing.set(false);
        writer.close();
        assertThat(keys()).hasSize(1);
    }

    @Test
    void aWriteThatSucceededButReportedFailureIsRetriedUnderANewNameWithoutLosingOrCorruptingAnything() {
        AtomicInteger creates = new AtomicInteger();
        InterceptingObjectStore ambiguous =
                new InterceptingObjectStore(store, new InterceptingObjectStore.Interceptor() {
                    @Override
                    public <T> Either<StoreFailure, T> intercept(Call call, Supplier<Either<StoreFailure, T>> proceed) {
                        Either<StoreFailure, T> result = proceed.get();
                        return call.op() == Op.CREATE && creates.incrementAndGet() == 1
                                ? Either.left(InterceptingObjectStore.ioFailure(call))
                                : result;
                    }
                });
        BatchWriter writer = new BatchWriter(ambiguous, codec, new BatchWriterSettings(10), CLOCK);
        writer.add(release("a", 1, "A"));
        assertThatThrownBy(writer::flush).isInstanceOf(BatchWriteException.class);
        writer.flush();

        // The first attempt did land; the retry finds its name taken and moves to the next sequence.
        assertThat(keys()).hasSize(2);
        assertThat(writer.writtenBatches()).hasSize(1);
        assertThat(BatchName.parse(writer.writtenBatches().get(0).name()).get().sequence())
                .isEqualTo(2);
        assertThat(new LoadPressReleases(store, codec).load(DAY, DAY, io.vavr.control.Option.none()))
                .containsExactly(release("a", 1, "A"));
    }

    @Test
    void aNameTakenByAnotherWriterMovesToTheNextSequence() {
        AtomicInteger creates = new AtomicInteger();
        InterceptingObjectStore colliding = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.CREATE && creates.incrementAndGet() <= 2,
                        c -> new StoreFailure.PreconditionFailed(ObjectKey.of(c.target()), "taken")));
        BatchWriter writer = new BatchWriter(colliding, codec, new BatchWriterSettings(1), CLOCK);
        writer.add(release("a", 1, "A"));
        assertThat(writer.writtenBatches())
                .extracting(k -> BatchName.parse(k.name()).get().sequence())
                .containsExactly(3);
        writer.add(release("b", 1, "B"));
        assertThat(writer.writtenBatches())
                .extracting(k -> BatchName.parse(k.name()).get().sequence())
                .containsExactly(3, 4);
    }

    @Test
    void oneFailingPartitionDoesNotStopTheFlushOfTheOthers() {
        InterceptingObjectStore failingGmail = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.CREATE && ObjectKey.of(c.target()).startsWith(GMAIL_DAY.prefix()),
                        InterceptingObjectStore::ioFailure));
        BatchWriter writer = new BatchWriter(failingGmail, codec, new BatchWriterSettings(10), CLOCK);
        writer.add(release("a", 1, "A"));
        writer.add(release("r", RSS_DAY, null, "R"));
        assertThatThrownBy(writer::flush)
                .isInstanceOf(BatchWriteException.class)
                .hasMessageContaining(GMAIL_DAY.prefix().value());
        assertThat(keys()).singleElement().satisfies(k -> assertThat(k.parent()).isEqualTo(RSS_DAY.prefix()));
        assertThat(writer.pendingRecords()).isEqualTo(1);
    }

    @Test
    void batchesAreEncodedWithTheConfiguredOptions() {
        List<FileRole> used = Collections.synchronizedList(new ArrayList<>());
        RecordCodec spy = new RecordCodec() {
            @Override
            public byte[] encode(List<PressRelease> records, FileRole role) {
                used.add(role);
                return codec.encode(records, role);
            }

            @Override
            public Either<io.feedstore.domain.codec.DecodeFailure, List<PressRelease>> decode(byte[] file) {
                return codec.decode(file);
            }
        };
        try (BatchWriter writer = new BatchWriter(store, spy, BatchWriterSettings.DEFAULT, CLOCK)) {
            writer.add(release("a", 1, "A"));
        }
        assertThat(used).containsExactly(FileRole.BATCH);
        assertThat(BatchWriterSettings.DEFAULT.batchSize()).isEqualTo(100);
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> new BatchWriterSettings(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size 0");
    }

    @Test
    void concurrentAddsStoreEveryRecordExactlyOnce() throws Exception {
        int threads = 6;
        int perThread = 300;
        BatchWriter writer = writer(7);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<PressRelease> added = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        PressRelease r = release(
                                "t" + thread + "-" + i,
                                ReleaseGenerators.PARTITIONS.get(i % ReleaseGenerators.PARTITIONS.size()),
                                ReleaseGenerators.stampAt(1 + i % 3),
                                "x");
                        writer.add(r);
                        added.add(r);
                        if (i % 97 == 0) {
                            writer.flush();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        writer.close();

        List<PressRelease> stored = new ArrayList<>();
        for (ObjectKey key : StoreSnapshot.of(store).keysUnder(KeyPrefix.of(StoreLayout.TABLE.value()))) {
            stored.addAll(stored(key));
        }
        assertThat(stored).hasSize(threads * perThread).containsExactlyInAnyOrderElementsOf(added);
        assertThat(writer.writtenBatches()).doesNotHaveDuplicates().hasSize(keys().size());
    }
}
