package io.feedstore.adapters.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;

/**
 * What the consolidated file spends besides its pages: the long text columns carry no min/max statistics and no
 * column index (no reader prunes on a press release's text, and their min/max would be whole texts), the other
 * columns keep theirs, and every column keeps its offset index.
 */
class FooterTest {

    private static final Set<String> LONG_TEXTS = Set.of(WireRecord.TITLE, WireRecord.FULL_TEXT, WireRecord.SOURCE_URL);
    private static final EncodingOptions CONSOLIDATED = new EncodingOptions(Compression.ZSTD, 9, 10);

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    @Test
    void theFooterAndPageIndexesGrowWithTheTextsOnlyByTheWidthOfTheOffsetsAndSizesTheyHold() {
        byte[] shortTexts = streamed(releases(35, 1));
        byte[] longTexts = streamed(releases(35, 40));
        long chunks = ParquetFiles.footer(longTexts).getBlocks().size() * (long) WireRecord.COLUMNS.size();

        // Forty times the text moves offsets and sizes into wider varints: at most a byte or two a column chunk.
        assertThat(metadataBytes(longTexts))
                .isBetween(metadataBytes(shortTexts), metadataBytes(shortTexts) + 2 * chunks);
    }

    @Test
    void longTextColumnsHaveNoStatisticsNorColumnIndexWhileTheOthersKeepThemAndEveryColumnItsOffsetIndex()
            throws IOException {
        byte[] file = streamed(releases(35, 10));

        try (ParquetFileReader reader = ParquetFileReader.open(new InMemoryInputFile(file))) {
            assertThat(reader.getFooter().getBlocks()).hasSize(4);
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    String column = chunk.getPath().toDotString();
                    assertThat(chunk.getOffsetIndexReference()).as(column).isNotNull();
                    if (LONG_TEXTS.contains(column)) {
                        assertThat(chunk.getStatistics().hasNonNullValue())
                                .as(column)
                                .isFalse();
                        assertThat(reader.readColumnIndex(chunk)).as(column).isNull();
                    } else {
                        assertThat(chunk.getStatistics().hasNonNullValue())
                                .as(column)
                                .isTrue();
                        assertThat(reader.readColumnIndex(chunk)).as(column).isNotNull();
                    }
                }
            }
        }
        assertThat(codec.decode(file).get()).isEqualTo(releases(35, 10));
    }

    /** The file's bytes outside its column chunks: footer, column and offset indexes, magic numbers. */
    private static long metadataBytes(byte[] file) {
        long chunks = ParquetFiles.footer(file).getBlocks().stream()
                .flatMap(block -> block.getColumns().stream())
                .mapToLong(ColumnChunkMetaData::getTotalSize)
                .sum();
        return file.length - chunks;
    }

    private byte[] streamed(List<PressRelease> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordSink sink = codec.encoder(CONSOLIDATED, out)) {
            for (PressRelease row : rows) {
                sink.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Press releases as the feed has them, their title, text and address {@code repeat} times as long. */
    private static List<PressRelease> releases(int count, int repeat) {
        String[] people = {"Åsa Lindqvist", "Jukka Mäkinen", "Søren Ærø-Kjær", "Märta Öberg"};
        String[] places = {"Jyväskylä", "Ærø", "Göteborg", "東京"};
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    String who = people[i % people.length];
                    String where = places[i % places.length];
                    // Same length for every row of a run: the footer's size must not hang on which row is min or max.
                    String n = String.format("%03d", i);
                    return PressRelease.builder(
                                    PressReleaseId.of("pr-" + n), Source.of("newswire"), LocalDate.of(2025, 2, 3))
                            .companyName("Nordlys Oy")
                            .category("earnings")
                            .releaseTimestamp(
                                    Instant.parse("2025-02-03T07:30:00Z").plusSeconds(i * 41L))
                            .ingestedAt(
                                    Instant.parse("2025-02-03T08:00:00.123456Z").plusSeconds(i))
                            .title(("Nordlys – ”" + who + " leder tillväxten i " + where + "” " + n + " ")
                                    .repeat(repeat))
                            .fullText(("”Vi växer” – säger " + who + " i " + where + " 🚀 " + n + ". ")
                                    .repeat(repeat * 20))
                            .sourceUrl("https://news.example.fi/" + "tiedote/".repeat(repeat) + n)
                            .parserVersion(3)
                            .schemaVersion(2)
                            .build();
                })
                .toList();
    }
}
