package io.feedstore.domain.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.feedstore.domain.Generators;
import io.feedstore.domain.partition.PartitionFile.Kind;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionFileTest {

    private static final String PARTITION =
            "silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/";

    private static PartitionFile classify(String key) {
        return PartitionFile.classify(new ObjectInfo(ObjectKey.of(key), Generation.of(1), 10));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "consolidated.parquet                             | CONSOLIDATED",
                "batch_0001_20250115_103000_abc123xyz0.parquet    | BATCH",
                "batch_123456789_20250115_103000_abcd.parquet     | BATCH",
                "part-00000-abc.snappy.parquet                    | LEGACY",
                "pr-12345.parquet                                 | LEGACY",
                "batch_1_20250115_103000_abc123xyz0.parquet       | LEGACY",
                "batch_0001_20250230_103000_abc123xyz0.parquet    | LEGACY",
                "Consolidated.parquet                             | LEGACY",
                "consolidated.parquet.bak                         | OTHER",
                "batch_0001_20250115_103000_abc123xyz0.parquet.x  | OTHER",
                "_SUCCESS                                         | OTHER",
                "notes.txt                                        | OTHER",
                "data.PARQUET                                     | OTHER"
            })
    void aFileIsClassifiedByItsName(String name, Kind kind) {
        PartitionFile file = classify(PARTITION + name);

        assertThat(file.kind()).isEqualTo(kind);
        assertThat(file.isData()).isEqualTo(kind != Kind.OTHER);
    }

    @Test
    void everyParquetFileIsDataSoNoneIsEverLeftOutOfAMerge() {
        qt().withExamples(1_000)
                .forAll(Generators.texts(20)
                        .map(s -> s.replaceAll("[/\\\\\\p{Cntrl}\\u0080-\\u009f]", "_"))
                        .map(s -> s.isEmpty() || s.startsWith(".") ? "stem" + s : s))
                .checkAssert(stem -> {
                    assertThat(classify(PARTITION + stem + ".parquet").isData()).isTrue();
                    assertThat(classify(PARTITION + stem + ".parquet").kind()).isNotEqualTo(Kind.OTHER);
                });
    }

    @Test
    void everyBatchTheWriterNamesIsClassifiedAsABatch() {
        qt().withExamples(500)
                .forAll(Generators.batchNames())
                .checkAssert(name ->
                        assertThat(classify(PARTITION + name.fileName()).kind()).isEqualTo(Kind.BATCH));
    }
}
