package io.feedstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page count RESULTS.md quotes is the one the file's own offset index records. */
class ParquetPagesTest {

    @TempDir
    Path dir;

    @Test
    void pagesCountedFromTheirHeadersAreThePagesTheOffsetIndexLists() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        Workload workload = new Workload(3, pool);
        Partition partition = new Partition(Source.of("rss"), LocalDate.of(2025, 5, 5));
        List<PressRelease> releases = IntStream.range(0, 24_000)
                .mapToObj(n -> workload.release(partition, n, 0))
                .toList();
        pool.shutdown();
        Path file = dir.resolve("consolidated.parquet");
        Files.write(
                file,
                new ParquetRecordCodec()
                        .encode(releases, new EncodingOptions(io.feedstore.domain.codec.Compression.ZSTD, 3, 24_000)));

        int indexed = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (chunk.getPath().toDotString().equals("full_text")) {
                        indexed += reader.readOffsetIndex(chunk).getPageCount();
                    }
                }
            }
        }
        // One row group of 24,000 rows holds about 50 MB of full_text, more than one page (at most 32 MiB), so
        // the chunk spans several pages.
        assertThat(indexed).isGreaterThan(1);
        assertThat(ParquetPages.dataPages(file, "full_text")).isEqualTo(indexed);
    }
}
