package io.feedstore.adapters.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the encoder promises about the file itself: schema, codec and level, row-group bound. */
class EncodingTest {

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    @Test
    void filesHaveTheProductionSchemaTwelveOptionalColumnsInOrder() {
        MessageType schema = ParquetFiles.footer(codec.encode(releases(3), EncodingOptions.BATCH))
                .getFileMetaData()
                .getSchema();

        assertThat(schema.getFields()).extracting(Type::getName).containsExactlyElementsOf(WireRecord.COLUMNS);
        assertThat(schema.getFields())
                .allSatisfy(field ->
                        assertThat(field.isRepetition(Type.Repetition.OPTIONAL)).isTrue());
        assertThat(schema.getFields().subList(0, 10)).allSatisfy(field -> {
            assertThat(field.asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
            assertThat(field.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        });
        assertThat(schema.getFields().subList(10, 12))
                .allSatisfy(field -> assertThat(field.asPrimitiveType().getPrimitiveTypeName())
                        .isEqualTo(PrimitiveTypeName.INT32));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 10, 11, 25, 30})
    void rowGroupsHoldAtMostRowGroupRowsAndAsFewGroupsAsThatAllows(int rows) {
        byte[] file = codec.encode(releases(rows), new EncodingOptions(Compression.SNAPPY, 0, 10));

        List<Long> rowsPerGroup = ParquetFiles.footer(file).getBlocks().stream()
                .map(BlockMetaData::getRowCount)
                .toList();
        assertThat(rowsPerGroup).allSatisfy(n -> assertThat(n).isBetween(1L, 10L));
        assertThat(rowsPerGroup.stream().mapToLong(Long::longValue).sum()).isEqualTo(rows);
        assertThat(rowsPerGroup).hasSize((rows + 9) / 10);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyColumnChunkIsCompressedWithTheCodecAsked(Compression compression) {
        byte[] file = codec.encode(releases(50), RoundTripPropertiesTest.options(compression, 20));

        assertThat(codecsOf(file)).containsOnly(CompressionCodecName.valueOf(compression.name()));
    }

    @Test
    void zstdUsesTheLevelAskedForHigherLevelsCompressBetter() {
        List<PressRelease> compressible = releases(2_000);

        int level1 = codec.encode(compressible, new EncodingOptions(Compression.ZSTD, 1, 10_000)).length;
        int level9 = codec.encode(compressible, new EncodingOptions(Compression.ZSTD, 9, 10_000)).length;
        int level19 = codec.encode(compressible, new EncodingOptions(Compression.ZSTD, 19, 10_000)).length;

        assertThat(level9).as("ZSTD 9 vs ZSTD 1").isLessThan(level1);
        assertThat(level19).as("ZSTD 19 vs ZSTD 9").isLessThan(level9);
        assertThat(codecsOf(codec.encode(compressible, EncodingOptions.CONSOLIDATED)))
                .containsOnly(CompressionCodecName.ZSTD);
    }

    @Test
    void gzipUsesTheLevelAskedForHigherLevelsCompressBetter() {
        List<PressRelease> compressible = releases(2_000);

        int level1 = codec.encode(compressible, new EncodingOptions(Compression.GZIP, 1, 10_000)).length;
        int level9 = codec.encode(compressible, new EncodingOptions(Compression.GZIP, 9, 10_000)).length;

        assertThat(level9).isLessThan(level1);
    }

    @Test
    void zstdPagesAreAThirtySecondOfTheHeapBetweenOneAndThirtyTwoMiB() {
        long mib = 1024 * 1024;

        assertThat(ParquetRecordCodec.zstdPageBytes(16 * mib)).isEqualTo(mib);
        assertThat(ParquetRecordCodec.zstdPageBytes(128 * mib)).isEqualTo(4 * mib);
        assertThat(ParquetRecordCodec.zstdPageBytes(256 * mib)).isEqualTo(8 * mib);
        assertThat(ParquetRecordCodec.zstdPageBytes(1024 * mib)).isEqualTo(32 * mib);
        assertThat(ParquetRecordCodec.zstdPageBytes(12 * 1024 * mib)).isEqualTo(32 * mib);
    }

    @Test
    void aZstdColumnChunkThatFitsInAPageIsOnePageAsDuckDbWritesIt() throws IOException {
        // Texts of about three quarters of a page in one row group (24 MB where pages are 32 MiB).
        int textChars = 3_000;
        int rows = ParquetRecordCodec.ZSTD_PAGE_BYTES * 3 / 4 / textChars;
        List<PressRelease> releases = releases(rows).stream()
                .map(r -> PressRelease.builder(r.id(), r.source(), r.releaseDate())
                        .fullText(r.fullText().get().repeat(8).substring(0, textChars))
                        .build())
                .toList();

        byte[] file = codec.encode(releases, new EncodingOptions(Compression.ZSTD, 9, rows));

        try (ParquetFileReader reader = ParquetFileReader.open(new InMemoryInputFile(file))) {
            assertThat(reader.getFooter().getBlocks()).hasSize(1);
            List<ColumnChunkMetaData> chunks =
                    reader.getFooter().getBlocks().get(0).getColumns();
            for (ColumnChunkMetaData chunk : chunks) {
                assertThat(reader.readOffsetIndex(chunk).getPageCount())
                        .as(chunk.getPath().toDotString())
                        .isEqualTo(1);
            }
            assertThat(chunks.get(WireRecord.COLUMNS.indexOf(WireRecord.FULL_TEXT))
                            .getTotalUncompressedSize())
                    .isGreaterThan(ParquetRecordCodec.ZSTD_PAGE_BYTES / 2);
        }
    }

    @Test
    void anEmptyListIsAValidFileOfNoRecords() {
        byte[] file = codec.encode(List.of(), EncodingOptions.CONSOLIDATED);

        assertThat(codec.decode(file).get()).isEmpty();
        assertThat(ParquetFiles.footer(file).getFileMetaData().getSchema().getFieldCount())
                .isEqualTo(12);
    }

    @Test
    void encodingANullRecordIsAProgrammingErrorNamingItsPosition() {
        List<PressRelease> records = new ArrayList<>(releases(2));
        records.add(1, null);

        assertThatThrownBy(() -> codec.encode(records, EncodingOptions.BATCH))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("record 2 of 3 is null");
    }

    private static List<CompressionCodecName> codecsOf(byte[] file) {
        return ParquetFiles.footer(file).getBlocks().stream()
                .flatMap(block -> block.getColumns().stream())
                .map(ColumnChunkMetaData::getCodec)
                .toList();
    }

    /**
     * Realistic press releases: boilerplate fields repeat, texts are unique per row but drawn from a small
     * vocabulary, as in the consolidated files. Seeded, so sizes are reproducible.
     */
    static List<PressRelease> releases(int count) {
        String[] companies = {"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli"};
        Random random = new Random(42);
        String[] vocabulary = IntStream.range(0, 400)
                .mapToObj(i -> Integer.toString(i * 7919, 36) + (i % 5 == 0 ? "ing" : "s"))
                .toArray(String[]::new);
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    StringBuilder text = new StringBuilder();
                    for (int w = 0; w < 150; w++) {
                        text.append(vocabulary[(int) Math.abs(random.nextGaussian() * 60) % vocabulary.length])
                                .append(' ');
                    }
                    return PressRelease.builder(
                                    PressReleaseId.of("pr-" + i),
                                    Source.of(i % 3 == 0 ? "gmail" : "rss"),
                                    LocalDate.of(2025, 1, 1 + i % 28))
                            .companyName(companies[i % companies.length])
                            .category(
                                    Arrays.asList("earnings", "m&a", "product").get(i % 3))
                            .releaseTimestamp(
                                    Instant.parse("2025-01-15T11:00:00Z").plusSeconds(i * 37L))
                            .ingestedAt(
                                    Instant.parse("2025-01-16T08:00:00.123456Z").plusSeconds(i))
                            .title(companies[i % companies.length] + " " + vocabulary[i % vocabulary.length] + " #" + i)
                            .fullText(text.toString())
                            .sourceUrl("https://example.com/press/" + i)
                            .parserVersion(3)
                            .schemaVersion(2)
                            .build();
                })
                .toList();
    }
}
