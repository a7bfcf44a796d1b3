package io.feedstore.domain.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.feedstore.domain.Generators;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.generators.Generate;

class PartitionTest {

    private static final Partition RSS_15 = new Partition(Source.of("rss"), LocalDate.of(2025, 1, 15));
    private static final String TABLE = "silver_normalized/table=press_releases/";

    @Test
    void thePrefixIsTheHivePathOfSourceAndReleaseDate() {
        assertThat(RSS_15.prefix().value())
                .isEqualTo("silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/");
        assertThat(new Partition(Source.of("gmail"), LocalDate.of(7, 3, 9))
                        .prefix()
                        .value())
                .isEqualTo("silver_normalized/table=press_releases/source=gmail/release_date=0007-03-09/");
    }

    @Test
    void theConsolidatedFileSitsDirectlyInThePartition() {
        assertThat(RSS_15.consolidatedKey().value())
                .isEqualTo(
                        "silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/consolidated.parquet");
    }

    @Test
    void aBatchFileSitsDirectlyInThePartitionUnderItsName() {
        BatchName name = new BatchName(1, LocalDateTime.of(2025, 1, 15, 10, 30, 0), "abc123xyz0");

        assertThat(RSS_15.batchKey(name).value())
                .isEqualTo(
                        "silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/batch_0001_20250115_103000_abc123xyz0.parquet");
    }

    @Test
    void everyFileDirectlyInAPartitionBelongsToThatPartition() {
        qt().withExamples(1_000)
                .forAll(
                        Generators.partitions(),
                        Generate.pick(List.of(
                                "consolidated.parquet",
                                "part-0.parquet",
                                "_SUCCESS",
                                "notes.txt",
                                "batch_0001_20250115_103000_abc123xyz0.parquet",
                                "x")))
                .checkAssert((partition, name) -> {
                    assertThat(Partition.containing(partition.prefix().key(name)))
                            .containsExactly(partition);
                    assertThat(Partition.containing(partition.consolidatedKey()))
                            .containsExactly(partition);
                });
    }

    @Test
    void batchKeysBelongToTheirPartition() {
        qt().withExamples(500)
                .forAll(Generators.partitions(), Generators.batchNames())
                .checkAssert((partition, name) -> assertThat(Partition.containing(partition.batchKey(name)))
                        .containsExactly(partition));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                TABLE + "source=rss/release_date=2025-01-15/sub/consolidated.parquet",
                TABLE + "source=rss/release_date=2025-01-15/a/b/c.parquet",
                TABLE + "source=rss/consolidated.parquet",
                TABLE + "consolidated.parquet",
                TABLE + "source=rss/release_date=2025-01-15/x/release_date=2025-01-16/consolidated.parquet",
                TABLE + "source=RSS/release_date=2025-01-15/consolidated.parquet",
                TABLE + "source=a b/release_date=2025-01-15/consolidated.parquet",
                TABLE + "source=/release_date=2025-01-15/consolidated.parquet",
                TABLE + "source=rss/release_date=2025-02-30/consolidated.parquet",
                TABLE + "source=rss/release_date=20250115/consolidated.parquet",
                TABLE + "source=rss/release_date=2025-1-15/consolidated.parquet",
                TABLE + "release_date=2025-01-15/source=rss/consolidated.parquet",
                TABLE + "src=rss/release_date=2025-01-15/consolidated.parquet",
                "silver_normalized/table=other/source=rss/release_date=2025-01-15/consolidated.parquet",
                "other/silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/consolidated.parquet",
                "rejects/ingest_20250115_103000_abc123.jsonl",
                "consolidated.parquet"
            })
    void keysThatAreNotDirectChildrenOfAWellFormedPartitionBelongToNone(String key) {
        assertThat(Partition.containing(ObjectKey.of(key))).isEqualTo(Option.none());
    }

    @Test
    void partitionsOrderByDateThenSource() {
        Partition gmail15 = new Partition(Source.of("gmail"), LocalDate.of(2025, 1, 15));
        Partition aaa16 = new Partition(Source.of("aaa"), LocalDate.of(2025, 1, 16));

        assertThat(List.of(aaa16, RSS_15, gmail15).stream().sorted().toList()).containsExactly(gmail15, RSS_15, aaa16);
        assertThat(RSS_15).hasToString("rss/2025-01-15");
    }
}
