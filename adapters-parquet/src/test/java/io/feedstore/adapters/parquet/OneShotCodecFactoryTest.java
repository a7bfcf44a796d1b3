package io.feedstore.adapters.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.github.luben.zstd.Zstd;
import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

/**
 * ZSTD pages are standard frames that plain zstd decodes (so every Parquet reader does), also when split over
 * zstd's workers; our decompressors read the frames and snappy blocks other writers make; snappy and every other
 * codec write exactly what parquet's own factory writes.
 */
class OneShotCodecFactoryTest {

    private static final PlainParquetConfiguration CONFIGURATION = new PlainParquetConfiguration();

    @Test
    void aZstdPageIsExactlyZstdsOwnOneShotFrameAtTheLevelAsked() throws IOException {
        byte[] page = prose(3 * 1024 * 1024, 1);
        // parquet hands a page over in pieces (levels, then values); the frame must cover all of them.
        BytesInput pieces = BytesInput.concat(
                BytesInput.from(page, 0, 10),
                BytesInput.from(page, 10, 1_000_000),
                BytesInput.from(page, 1_000_010, page.length - 1_000_010));

        for (int level : new int[] {1, 9}) {
            byte[] compressed = compress(CompressionCodecName.ZSTD, level, pieces);

            assertThat(compressed).as("level %d", level).isEqualTo(Zstd.compress(page, level));
            assertThat(Zstd.decompress(compressed, page.length)).isEqualTo(page);
        }
    }

    /**
     * A page longer than the factory's whole-page size goes to zstd in pieces: still one standard frame that
     * records the page's size; a page up to it is exactly zstd's one-shot frame. The thread's native buffers,
     * grown and reused from page to page (and kept from one factory to the next), never leak one page's bytes
     * into another's frame.
     */
    @Test
    void aPageLongerThanTheWholePageSizeIsStreamedAsOneFrameThatRecordsItsSize() {
        qt().withExamples(80)
                .forAll(
                        integers().between(0, 300_000),
                        integers().between(1, 12),
                        integers().between(10, 20),
                        integers().all())
                .checkAssert((size, level, wholePageLog, seed) -> {
                    int wholePageBytes = 1 << wholePageLog;
                    byte[] page = seed % 3 == 0 ? random(size, seed) : nordicProse(size, seed);
                    CompressionCodecFactory codecs =
                            OneShotCodecFactory.forWriter(CONFIGURATION, 1024 * 1024, level, 1, wholePageBytes);
                    try {
                        byte[] frame = codecs.getCompressor(CompressionCodecName.ZSTD)
                                .compress(BytesInput.from(page))
                                .toByteArray();

                        assertThat(Zstd.getFrameContentSize(frame)).isEqualTo(page.length);
                        assertThat(Zstd.decompress(frame, page.length)).isEqualTo(page);
                        if (page.length <= wholePageBytes) {
                            assertThat(frame).isEqualTo(Zstd.compress(page, level));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        codecs.release();
                    }
                });
    }

    /**
     * While a thread compresses a large page, other threads go on allocating through collections: zstd works on
     * native buffers, not on a Java array pinned for the whole call (on this JVM a pinned array makes every
     * allocation that needs a collection wait until the compression ends).
     */
    @Test
    void allocationsNeedingACollectionDoNotWaitForAPageBeingCompressed() throws Exception {
        byte[] page = nordicProse(8 * 1024 * 1024, 11);
        CompressionCodecFactory codecs = OneShotCodecFactory.forWriter(CONFIGURATION, 1024 * 1024, 19, 1);
        AtomicLong finished = new AtomicLong();
        Thread compressing = new Thread(() -> {
            try {
                codecs.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(page));
                finished.set(System.nanoTime());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            compressing.start();
            // Level 19 takes seconds on 8 MB; by now zstd is well into the page.
            Thread.sleep(400);
            long collections = collections();
            for (int i = 0; i < 4096; i++) {
                allocated = new byte[1024 * 1024];
            }
            long done = System.nanoTime();
            long collected = collections() - collections;
            compressing.join();

            assertThat(collected).as("collections while 4 GB were allocated").isPositive();
            assertThat(finished.get())
                    .as("the compression was still running when the allocations were done")
                    .isGreaterThan(done);
        } finally {
            compressing.join();
            codecs.release();
        }
    }

    /** Where {@link #allocationsNeedingACollectionDoNotWaitForAPageBeingCompressed} drops its garbage. */
    private static volatile byte[] allocated;

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    @Test
    void anyPageRoundTripsThroughPlainZstdJniBothWays() {
        qt().withExamples(60)
                .forAll(
                        integers().between(0, 200_000),
                        integers().between(1, 19),
                        integers().all())
                .checkAssert((size, level, seed) -> {
                    // Half the pages are prose, half random bytes that zstd cannot shrink.
                    byte[] page = seed % 2 == 0 ? prose(size, seed) : random(size, seed);
                    try {
                        byte[] ours = compress(CompressionCodecName.ZSTD, level, BytesInput.from(page));
                        assertThat(Zstd.decompress(ours, page.length)).isEqualTo(page);
                        assertThat(decompress(Zstd.compress(page, level), page.length))
                                .isEqualTo(page);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Test
    void aPageOfSeveralZstdFramesDecompressesWhole() throws IOException {
        byte[] first = prose(100_000, 2);
        byte[] second = prose(50_000, 3);
        byte[] frames = concat(Zstd.compress(first, 3), Zstd.compress(second, 19));

        assertThat(decompress(frames, first.length + second.length)).isEqualTo(concat(first, second));
    }

    @Test
    void theByteBufferDecompressionReadsItsSliceAndFillsTheOutput() throws IOException {
        byte[] page = prose(70_000, 4);
        byte[] frame = Zstd.compress(page, 9);
        ByteBuffer input = ByteBuffer.wrap(concat(new byte[] {7, 7}, frame, new byte[] {9}));
        input.position(2);
        ByteBuffer output = ByteBuffer.allocate(page.length + 1);
        output.put((byte) 5);
        CompressionCodecFactory codecs = OneShotCodecFactory.forReader(CONFIGURATION);
        try {
            codecs.getDecompressor(CompressionCodecName.ZSTD).decompress(input, frame.length, output, page.length);
        } finally {
            codecs.release();
        }

        assertThat(input.position()).isEqualTo(2 + frame.length);
        assertThat(output.position()).isEqualTo(1 + page.length);
        assertThat(Arrays.copyOfRange(output.array(), 1, 1 + page.length)).isEqualTo(page);
    }

    @Test
    void aTruncatedOrMissizedZstdPageIsAnIOExceptionNotACrash() {
        byte[] page = prose(10_000, 5);
        byte[] frame = Zstd.compress(page, 9);

        assertThatThrownBy(() -> decompress(Arrays.copyOf(frame, frame.length - 3), page.length))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decompress(frame, page.length + 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("its header says " + (page.length + 1));
        assertThatThrownBy(() -> decompress(frame, page.length - 1)).isInstanceOf(IOException.class);
    }

    /**
     * A page split over zstd's workers is one standard frame that plain zstd decodes, the same bytes every time,
     * and the same size as the one-thread frame to within 0.1 %: each job starts with the whole window
     * before it. Pages shorter than two jobs are never split.
     */
    @Test
    void aLargePageSplitOverZstdsWorkersIsAStandardFrameOfTheSameSize() throws IOException {
        byte[] page = nordicProse(3 * OneShotCodecFactory.SPLIT_MIN_JOB_BYTES + 12_345, 7);
        byte[] alone = Zstd.compress(page, 9);

        for (int workers : new int[] {2, 3}) {
            byte[] split = compress(CompressionCodecName.ZSTD, 9, workers, BytesInput.from(page));

            assertThat(Zstd.decompress(split, page.length))
                    .as("%d workers", workers)
                    .isEqualTo(page);
            assertThat(decompress(split, page.length)).isEqualTo(page);
            assertThat((double) split.length).isCloseTo(alone.length, Percentage.withPercentage(0.1));
            assertThat(compress(CompressionCodecName.ZSTD, 9, workers, BytesInput.from(page)))
                    .as("the same page split again")
                    .isEqualTo(split);
        }
        byte[] short_ = Arrays.copyOf(page, 2 * OneShotCodecFactory.SPLIT_MIN_JOB_BYTES - 1);
        assertThat(compress(CompressionCodecName.ZSTD, 9, 4, BytesInput.from(short_)))
                .isEqualTo(Zstd.compress(short_, 9));
    }

    @Test
    void anySnappyPageRoundTripsThroughSnappyJavaBothWays() {
        qt().withExamples(60)
                .forAll(integers().between(0, 300_000), integers().all())
                .checkAssert((size, seed) -> {
                    byte[] page = seed % 2 == 0 ? prose(size, seed) : random(size, seed);
                    try {
                        byte[] ours = compress(CompressionCodecName.SNAPPY, 0, BytesInput.from(page));
                        assertThat(Snappy.uncompress(ours)).isEqualTo(page);
                        assertThat(decompress(CompressionCodecName.SNAPPY, Snappy.compress(page), page.length))
                                .isEqualTo(page);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Test
    void aSnappyPageParquetsOwnCodecWroteDecompressesAsParquetsOwnCodecReadsIt() throws IOException {
        byte[] page = nordicProse(400_000, 8);
        CodecFactory parquet = new CodecFactory(CONFIGURATION, 1024 * 1024);
        try {
            byte[] theirs = parquet.getCompressor(CompressionCodecName.SNAPPY)
                    .compress(BytesInput.from(page))
                    .toByteArray();

            assertThat(decompress(CompressionCodecName.SNAPPY, theirs, page.length))
                    .isEqualTo(page);
            assertThat(parquet.getDecompressor(CompressionCodecName.SNAPPY)
                            .decompress(BytesInput.from(theirs), page.length)
                            .toByteArray())
                    .isEqualTo(page);
        } finally {
            parquet.release();
        }
    }

    @Test
    void aTruncatedOrMissizedSnappyPageIsAnIOExceptionNotACrash() {
        byte[] page = prose(10_000, 9);
        byte[] block;
        try {
            block = Snappy.compress(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        assertThatThrownBy(() ->
                        decompress(CompressionCodecName.SNAPPY, Arrays.copyOf(block, block.length / 2), page.length))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decompress(CompressionCodecName.SNAPPY, block, page.length + 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("its header says " + (page.length + 1));
        assertThatThrownBy(() -> decompress(CompressionCodecName.SNAPPY, block, page.length - 1))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decompress(CompressionCodecName.SNAPPY, new byte[] {(byte) 0xff, (byte) 0xff}, 5))
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionCodecName.class,
            names = {"UNCOMPRESSED", "SNAPPY", "GZIP"})
    void otherCodecsPagesAreByteForByteParquetsOwn(CompressionCodecName codec) throws IOException {
        byte[] page = prose(300_000, 6);
        CodecFactory parquet = new CodecFactory(CONFIGURATION, 1024 * 1024);
        try {
            byte[] theirs =
                    parquet.getCompressor(codec).compress(BytesInput.from(page)).toByteArray();

            assertThat(compress(codec, 9, BytesInput.from(page))).isEqualTo(theirs);
        } finally {
            parquet.release();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"UNCOMPRESSED", "SNAPPY", "GZIP"})
    void filesOfOtherCodecsAreByteForByteWhatParquetsOwnFactoryWrites(Compression compression) throws IOException {
        List<PressRelease> rows = EncodingTest.releases(3_000);
        EncodingOptions options = compression == Compression.SNAPPY
                ? EncodingOptions.BATCH
                : RoundTripPropertiesTest.options(compression, 1_000);
        InMemoryOutputFile theirs = new InMemoryOutputFile();
        try (ParquetWriter<StoredRow> writer = ParquetRecordCodec.writer(
                theirs,
                options,
                new CodecFactory(ParquetRecordCodec.configuration(options), ParquetRecordCodec.pageBytes(options)))) {
            for (PressRelease row : rows) {
                writer.write(StoredRow.of(row));
            }
        }

        assertThat(new ParquetRecordCodec().encode(rows, options)).isEqualTo(theirs.toByteArray());
    }

    private static byte[] compress(CompressionCodecName codec, int level, BytesInput page) throws IOException {
        return compress(codec, level, 1, page);
    }

    private static byte[] compress(CompressionCodecName codec, int level, int zstdWorkers, BytesInput page)
            throws IOException {
        CompressionCodecFactory codecs = OneShotCodecFactory.forWriter(CONFIGURATION, 1024 * 1024, level, zstdWorkers);
        try {
            return codecs.getCompressor(codec).compress(page).toByteArray();
        } finally {
            codecs.release();
        }
    }

    private static byte[] decompress(byte[] compressed, int size) throws IOException {
        return decompress(CompressionCodecName.ZSTD, compressed, size);
    }

    private static byte[] decompress(CompressionCodecName codec, byte[] compressed, int size) throws IOException {
        CompressionCodecFactory codecs = OneShotCodecFactory.forReader(CONFIGURATION);
        try {
            return codecs.getDecompressor(codec)
                    .decompress(BytesInput.from(compressed), size)
                    .toByteArray();
        } finally {
            codecs.release();
        }
    }

    /** Words from a small vocabulary, as press releases are: zstd shrinks them several times. */
    private static byte[] prose(int size, long seed) {
        String[] words = {
            "the",
            "company",
            "announces",
            "quarter",
            "results",
            "revenue",
            "growth",
            "market",
            "product",
            "launch",
            "customers",
            "partnership",
            "shares",
            "board",
            "annual",
            "report"
        };
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Press-release prose as the feed writes it: Nordic names, en-dashes, curly quotes, some CJK and emoji. */
    private static byte[] nordicProse(int size, long seed) {
        String[] words = {
            "Åsa Lindqvist", "Jyväskylä", "Søren Ærø", "announces", "quarter", "–", "“results”", "growth",
            "Öresund", "Mäkinen", "partnership", "’s", "株式会社", "🚀", "revenue", "Kööpenhamina"
        };
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 32);
        while (text.length() < size) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, size);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(length);
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }
}
