package io.feedstore.application;

import static io.feedstore.application.Releases.GMAIL_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.codec.RowKeys;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Consolidation in passes (keys, then winners with ties settled a few ids at a time, then verification): the
 * result is exactly {@link Deduplication}'s rows, whatever the tie bucket size, the number of inputs, the ties, the
 * store and the codec.
 */
class ConsolidationInPiecesTest {

    @TempDir
    Path root;

    private int examples;

    /** Rows of one partition from a pool of 40 ids, 4 stamps (one missing) and 3 contents: many ties. */
    private static Gen<PressRelease> rows() {
        return integers()
                .between(0, 39)
                .zip(
                        integers().between(0, ReleaseGenerators.STAMPS),
                        integers().between(0, ReleaseGenerators.VARIANTS - 1),
                        (id, stamp, variant) -> ReleaseGenerators.release(id, 0, stamp, variant));
    }

    private void check(
            ObjectStore store,
            RecordCodec codec,
            List<PressRelease> rows,
            int batches,
            boolean previous,
            int bucketRows) {
        List<PressRelease> all = new ArrayList<>(rows);
        if (previous) {
            List<PressRelease> old =
                    Deduplication.newestPerId(rows.subList(0, rows.size() / 2)).records();
            Releases.put(
                    store,
                    codec,
                    GMAIL_DAY.consolidatedKey(),
                    old.stream()
                            .map(r -> Releases.release(
                                    r.id().value(),
                                    GMAIL_DAY,
                                    r.ingestedAt().getOrNull(),
                                    r.title().getOrElse("")))
                            .toList());
        }
        List<PressRelease> inPartition = all.stream()
                .map(r -> Releases.release(
                        r.id().value(),
                        GMAIL_DAY,
                        r.ingestedAt().getOrNull(),
                        r.title().getOrElse("")))
                .toList();
        for (int b = 0; b < batches; b++) {
            List<PressRelease> batch = new ArrayList<>();
            for (int i = b; i < inPartition.size(); i += batches) {
                batch.add(inPartition.get(i));
            }
            if (!batch.isEmpty()) {
                Releases.batch(store, codec, batch);
            }
        }
        List<PressRelease> expectedInput = new ArrayList<>(inPartition);
        if (previous) {
            expectedInput.addAll(
                    codec.decode(store.read(GMAIL_DAY.consolidatedKey()).get().content())
                            .get());
        }

        InMemorySpillSpace spill = new InMemorySpillSpace();
        PartitionReport report = new ConsolidatePartitions(
                        store, codec, spill, ConsolidationSettings.DEFAULT, RowHash.SHA_256, bucketRows)
                .consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).as(report.detail().getOrElse("")).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(spill.openFiles()).as("spill files left behind").isZero();
        List<PressRelease> stored = codec.decode(
                        store.read(GMAIL_DAY.consolidatedKey()).get().content())
                .get();
        List<PressRelease> byId = new ArrayList<>(stored);
        byId.sort(Comparator.comparing(PressRelease::id));
        assertThat(byId).isEqualTo(Deduplication.newestPerId(expectedInput).records());
        assertThat(report.finalRows()).isEqualTo(stored.size());
        assertThat(report.inputRows()).isEqualTo(expectedInput.size());
        assertThat(StoreSnapshot.of(store).keysUnder(GMAIL_DAY.prefix())).containsExactly(GMAIL_DAY.consolidatedKey());
    }

    @Test
    void anyBucketSizeGivesExactlyTheDeduplicatedRowsInMemory() {
        qt().withExamples(150)
                .forAll(
                        lists().of(rows()).ofSizeBetween(1, 60),
                        integers().between(1, 5),
                        booleans().all(),
                        integers().between(1, 12))
                .checkAssert((rows, batches, previous, bucketRows) -> check(
                        new InMemoryObjectStore(), new SerializingTestCodec(), rows, batches, previous, bucketRows));
    }

    @Test
    void anyBucketSizeGivesExactlyTheDeduplicatedRowsThroughParquetOnTheLocalStore() {
        RecordCodec parquet = new ParquetRecordCodec();
        qt().withExamples(30)
                .forAll(
                        lists().of(rows()).ofSizeBetween(1, 60),
                        integers().between(1, 5),
                        booleans().all(),
                        integers().between(1, 12))
                .checkAssert((rows, batches, previous, bucketRows) -> {
                    try {
                        ObjectStore store = new LocalFileSystemObjectStore(
                                Files.createDirectories(root.resolve("example-" + examples++)));
                        check(store, parquet, rows, batches, previous, bucketRows);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * Pass 1 reads only ids and timestamps, so a row that breaks a rule in another column is first seen while the
     * consolidated file is being written: the write is abandoned and the store is left exactly as it was, with no
     * staging file behind.
     */
    @Test
    void aRowRefusedOnlyByTheFullDecodeAbandonsTheWriteAndLeavesTheStoreAsItWas() throws IOException {
        RecordCodec parquet = new ParquetRecordCodec();
        Path dir = Files.createDirectories(root.resolve("refused"));
        ObjectStore store = new LocalFileSystemObjectStore(dir);
        Releases.batch(store, parquet, List.of(Releases.release("a", 1, "A"), Releases.release("b", 2, "B")));
        ObjectKey bad =
                Releases.batch(store, parquet, List.of(Releases.release("c", 3, "C"), Releases.release("d", 4, "D")));
        RecordCodec refusing = new RecordCodec() {
            @Override
            public byte[] encode(List<PressRelease> records, FileRole role) {
                return parquet.encode(records, role);
            }

            @Override
            public Either<DecodeFailure, List<PressRelease>> decode(byte[] file) {
                return parquet.decode(file);
            }

            @Override
            public RecordSink encoder(FileRole role, OutputStream out) {
                return parquet.encoder(role, out);
            }

            @Override
            public Either<DecodeFailure, Long> decodeKeys(ObjectContent file, RowKeys keys) {
                return parquet.decodeKeys(file, keys);
            }

            @Override
            public Either<DecodeFailure, Long> decode(ObjectContent file, Consumer<PressRelease> rows) {
                if (!file.key().equals(bad)) {
                    return parquet.decode(file, rows);
                }
                long[] handed = {0};
                parquet.decode(file, row -> {
                    if (handed[0]++ == 0) {
                        rows.accept(row);
                    }
                });
                return Either.left(
                        new DecodeFailure("row 2 (counting from 1): release_date '2025-02-30' is not a date"));
            }
        };
        List<Path> before = filesUnder(dir);

        PartitionReport report = new ConsolidatePartitions(
                        store, refusing, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT)
                .consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(report.status()).isEqualTo(PartitionStatus.FAILED);
        assertThat(report.detail().get())
                .contains(bad.value())
                .contains("row 2")
                .contains("nothing was deleted");
        assertThat(filesUnder(dir))
                .as("no consolidated file, no staging file, every input kept")
                .isEqualTo(before);
        assertThat(StoreSnapshot.of(store).keysUnder(GMAIL_DAY.prefix())).doesNotContain(GMAIL_DAY.consolidatedKey());
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(dir::relativize)
                    .sorted()
                    .toList();
        }
    }
}
