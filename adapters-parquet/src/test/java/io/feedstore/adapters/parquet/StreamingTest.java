package io.feedstore.adapters.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;

/**
 * The streaming calls: the encoder (row groups encoded on every core, then copied into one file) writes the file
 * {@link ParquetRecordCodec#encode} would, group for group; the streaming decoder gives the rows {@code decode}
 * gives, through ranged reads.
 */
class StreamingTest {

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    private byte[] streamed(List<PressRelease> rows, EncodingOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordSink sink = codec.encoder(options, out)) {
            for (PressRelease row : rows) {
                sink.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<PressRelease> decodedInRanges(ParquetRecordCodec codec, byte[] file) {
        ObjectContent content =
                ObjectContent.of(new StoredObject(ObjectKey.of("p/file.parquet"), Generation.of(1), file));
        List<PressRelease> rows = new ArrayList<>();
        long count = codec.decode(content, rows::add).get();
        assertThat(count).isEqualTo(rows.size());
        return rows;
    }

    @Test
    void theStreamingEncoderWritesTheRowGroupsPagesAndCompressionThatEncodeWrites() {
        qt().withExamples(40)
                .forAll(integers().between(0, 45), integers().between(1, 12))
                .checkAssert((n, groupRows) -> {
                    List<PressRelease> rows = EncodingTest.releases(n);
                    EncodingOptions options = new EncodingOptions(Compression.ZSTD, 9, groupRows);

                    byte[] streamed = streamed(rows, options);
                    byte[] whole = codec.encode(rows, options);

                    assertThat(codec.decode(streamed).get()).isEqualTo(rows);
                    assertThat(decodedInRanges(codec, streamed)).isEqualTo(rows);
                    assertThat(layout(streamed)).isEqualTo(layout(whole));
                    assertThat(ParquetFiles.footer(streamed).getFileMetaData().getKeyValueMetaData())
                            .isEqualTo(
                                    ParquetFiles.footer(whole).getFileMetaData().getKeyValueMetaData());
                });
    }

    @Test
    void theStreamingDecoderGivesTheRowsDecodeGivesWhateverTheirText() {
        qt().withExamples(60)
                .forAll(lists().of(PressReleaseGenerators.pressReleases()).ofSizeBetween(0, 30))
                .checkAssert(rows -> {
                    byte[] file = codec.encode(rows, new EncodingOptions(Compression.SNAPPY, 0, 7));
                    assertThat(decodedInRanges(codec, file))
                            .isEqualTo(codec.decode(file).get())
                            .isEqualTo(rows);
                });
    }

    @Test
    void aStreamedFileOfManyGroupsKeepsItsColumnAndOffsetIndexes() {
        List<PressRelease> rows = EncodingTest.releases(2_500);
        byte[] streamed = streamed(rows, new EncodingOptions(Compression.ZSTD, 9, 1_000));

        ParquetMetadata footer = ParquetFiles.footer(streamed);
        assertThat(footer.getBlocks()).extracting(BlockMetaData::getRowCount).containsExactly(1_000L, 1_000L, 500L);
        assertThat(footer.getBlocks())
                .allSatisfy(block -> assertThat(block.getColumns())
                        .allSatisfy(chunk ->
                                assertThat(chunk.getOffsetIndexReference()).isNotNull()));
        assertThat(decodedInRanges(codec, streamed)).isEqualTo(rows);
    }

    @Test
    void decodingRowGroupsOnSeveralThreadsHandsOverTheMappedRowsInFileOrder() {
        qt().withExamples(30)
                .forAll(
                        lists().of(PressReleaseGenerators.pressReleases()).ofSizeBetween(0, 25),
                        integers().between(1, 9),
                        integers().between(1, 4))
                .checkAssert((rows, groupRows, threads) -> {
                    byte[] file = codec.encode(rows, new EncodingOptions(Compression.SNAPPY, 0, groupRows));
                    ObjectContent content =
                            ObjectContent.of(new StoredObject(ObjectKey.of("p/file.parquet"), Generation.of(1), file));
                    List<String> mapped = new ArrayList<>();
                    var outcome = codec.decodeMapped(
                            content, r -> r.id().value() + "/" + r.title().getOrElse(""), mapped::add, threads);
                    assertThat(outcome.isRight()).as("%s", outcome).isTrue();
                    long count = outcome.get();
                    assertThat(count).isEqualTo(rows.size());
                    assertThat(mapped)
                            .isEqualTo(rows.stream()
                                    .map(r -> r.id().value() + "/" + r.title().getOrElse(""))
                                    .toList());
                });
    }

    @Test
    void aBadRowInALaterGroupDecodedOnAnotherThreadIsRefusedAsDecodeRefusesIt() {
        List<java.util.Map<String, Object>> wire = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("press_release_id", "pr-" + i);
            row.put("release_date", i == 7 ? "2025-02-30" : "2025-01-15");
            row.put("source", "gmail");
            wire.add(row);
        }
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(ProductionSchema.SCHEMA, wire, 2);
        assertThat(ParquetFiles.footer(file).getBlocks()).hasSizeGreaterThan(2);
        ObjectContent content =
                ObjectContent.of(new StoredObject(ObjectKey.of("p/file.parquet"), Generation.of(1), file));
        List<String> handed = new ArrayList<>();

        String refused = codec.decodeMapped(content, r -> r.id().value(), handed::add, 3)
                .getLeft()
                .reason();

        assertThat(refused)
                .contains("row 8")
                .isEqualTo(codec.decode(file).getLeft().reason());
        assertThat(handed).containsExactly("pr-0", "pr-1", "pr-2", "pr-3", "pr-4", "pr-5", "pr-6");
    }

    @Test
    void rowsOfLargeTextsAreHandedOnBeforeTheyPileUpAWholeRowGroup() throws IOException {
        List<PressRelease> rows = new ArrayList<>(EncodingTest.releases(5));
        String large = "x".repeat(400_000);
        for (PressRelease row : EncodingTest.releases(9)) {
            rows.add(PressRelease.builder(
                            io.feedstore.domain.release.PressReleaseId.of(
                                    row.id().value() + "-large"),
                            row.source(),
                            row.releaseDate())
                    .fullText(large)
                    .build());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordSink sink =
                new ParallelRowGroupSink(new EncodingOptions(Compression.ZSTD, 3, 5), out, 2, 1_000_000)) {
            for (PressRelease row : rows) {
                sink.write(row);
            }
        }
        byte[] file = out.toByteArray();

        // Five small rows fill the first group; then three rows of 400 KB pass the 1 MB budget: groups of 3.
        assertThat(ParquetFiles.footer(file).getBlocks())
                .extracting(BlockMetaData::getRowCount)
                .containsExactly(5L, 3L, 3L, 3L);
        assertThat(codec.decode(file).get()).isEqualTo(rows);
    }

    /**
     * Groups are appended in order, but a slow group does not hold up the workers: while the oldest group is still
     * being encoded, the writer goes on handing over groups, which the other worker encodes, and only waits when
     * more groups than workers (plus one) are unfinished. The file still holds every row in order.
     */
    @Test
    void aSlowOldestGroupDoesNotKeepTheOtherWorkerIdle() throws Exception {
        EncodingOptions options = new EncodingOptions(Compression.ZSTD, 3, 2);
        List<PressRelease> rows = EncodingTest.releases(16);
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        AtomicInteger encoded = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] firstId = rows.get(0).id().value().getBytes(StandardCharsets.UTF_8);
        ParallelRowGroupSink sink = new ParallelRowGroupSink(options, out, 2, Long.MAX_VALUE, (group, last) -> {
            if (Arrays.equals(group.get(0).value(0), firstId)) {
                await(firstMayFinish);
            }
            byte[] file = ParquetRecordCodec.encodeStored(group, options);
            encoded.incrementAndGet();
            return file;
        });
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            // Eight groups of two rows: the first is held back, the next six must all be encoded meanwhile (the
            // eighth, the last, is handed on when the sink is closed).
            Future<?> writes = writer.submit(() -> {
                for (PressRelease row : rows) {
                    sink.write(row);
                }
                return null;
            });
            writes.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (encoded.get() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(encoded.get())
                    .as("groups encoded while the first was held back")
                    .isEqualTo(6);
        } finally {
            firstMayFinish.countDown();
            writer.shutdownNow();
        }
        sink.close();
        assertThat(codec.decode(out.toByteArray()).get()).isEqualTo(rows);
        assertThat(ParquetFiles.footer(out.toByteArray()).getBlocks()).hasSize(8);
    }

    /**
     * Whatever the budget, the group size and the rows' sizes (so whether the sink encodes groups on its workers or,
     * for a first group too large to hold twice, switches to the sequential writer), the file holds exactly the rows
     * written, in order.
     */
    @Test
    void theFileHoldsExactlyTheRowsWrittenWhateverTheBudgetAndTheGroupSize() {
        qt().withExamples(40)
                .forAll(
                        integers().between(0, 30),
                        integers().between(1, 7),
                        integers().between(1, 40_000),
                        integers().between(0, 20_000))
                .checkAssert((n, groupRows, budget, largeText) -> {
                    List<PressRelease> rows = new ArrayList<>();
                    List<PressRelease> releases = EncodingTest.releases(n);
                    for (int i = 0; i < n; i++) {
                        PressRelease row = releases.get(i);
                        rows.add(i % 3 == 0 ? row.withTitle("Åsa – “" + "ö".repeat(largeText) + "”") : row);
                    }
                    EncodingOptions options = new EncodingOptions(Compression.ZSTD, 3, groupRows);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (RecordSink sink = new ParallelRowGroupSink(options, out, 2, budget)) {
                        for (PressRelease row : rows) {
                            sink.write(row);
                        }
                        assertThat(sink.written()).isEqualTo((long) n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }

                    assertThat(codec.decode(out.toByteArray()).get()).isEqualTo(rows);
                });
    }

    /**
     * Only the file's last group is encoded as the last (its large pages split over zstd's workers), whether or not
     * it is full: a full group is handed on when the next row arrives, so which group is last never depends on
     * timing.
     */
    @Test
    void exactlyTheLastRowGroupIsEncodedAsTheLastWhetherOrNotItIsFull() {
        qt().withExamples(30)
                .forAll(integers().between(1, 13), integers().between(1, 4))
                .checkAssert((n, groupRows) -> {
                    EncodingOptions options = new EncodingOptions(Compression.ZSTD, 3, groupRows);
                    List<PressRelease> rows = EncodingTest.releases(n);
                    List<Boolean> lasts = Collections.synchronizedList(new ArrayList<>());
                    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (RecordSink sink = new ParallelRowGroupSink(options, out, 2, Long.MAX_VALUE, (group, last) -> {
                        if (last) {
                            sizes.add(group.size());
                        }
                        lasts.add(last);
                        return ParquetRecordCodec.encodeStored(group, options, last ? 2 : 1);
                    })) {
                        for (PressRelease row : rows) {
                            sink.write(row);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }

                    int groups = (n + groupRows - 1) / groupRows;
                    assertThat(lasts).hasSize(groups);
                    assertThat(lasts.stream().filter(last -> last).count()).isEqualTo(1);
                    assertThat(sizes).containsExactly(n - (groups - 1) * groupRows);
                    assertThat(codec.decode(out.toByteArray()).get()).isEqualTo(rows);
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Per row group: rows, and per column its codec, encodings, value count and compressed size. */
    private static List<List<Object>> layout(byte[] file) {
        List<List<Object>> groups = new ArrayList<>();
        for (BlockMetaData block : ParquetFiles.footer(file).getBlocks()) {
            List<Object> group = new ArrayList<>();
            group.add(block.getRowCount());
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                group.add(List.of(
                        chunk.getPath().toDotString(),
                        chunk.getCodec(),
                        chunk.getEncodings(),
                        chunk.getValueCount(),
                        chunk.getTotalSize(),
                        chunk.getStatistics().toString()));
            }
            groups.add(group);
        }
        return groups;
    }
}
