package io.feedstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated data is what RESULTS.md says it is. */
class WorkloadTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final Partition partition = new Partition(Source.of("newswire"), LocalDate.of(2025, 1, 14));

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void everyFullTextIsHalfToFourKilobytesOfProse() {
        qt().withExamples(200)
                .forAll(longs().all(), integers().between(0, 10_000), integers().between(0, 3))
                .checkAssert((seed, n, version) -> {
                    String text = new Workload(seed, pool)
                            .release(partition, n, version)
                            .fullText()
                            .get();
                    assertThat(text.length()).isBetween(Prose.MIN_TEXT, Prose.MAX_TEXT);
                    assertThat(text.split(" ").length).isGreaterThan(Prose.MIN_TEXT / 12);
                });
    }

    @Test
    void aReleaseIsAFunctionOfSeedPartitionIndexAndVersionAndLaterVersionsAreNewer() {
        qt().withExamples(100)
                .forAll(longs().all(), integers().between(0, 10_000), integers().between(1, 5))
                .checkAssert((seed, n, version) -> {
                    Workload workload = new Workload(seed, pool);
                    PressRelease original = workload.release(partition, n, 0);
                    PressRelease update = workload.release(partition, n, version);
                    assertThat(workload.release(partition, n, version)).isEqualTo(update);
                    assertThat(update.id()).isEqualTo(original.id());
                    assertThat(update.ingestedAt().get())
                            .isAfter(original.ingestedAt().get());
                    assertThat(update.fullText()).isNotEqualTo(original.fullText());
                });
    }

    @Test
    void batchesHoldTheAnnouncedRowsDistinctIdsAndDuplicateShare() {
        Workload.PartitionInput input = new Workload(7, pool).writeBatches(dir, partition, 2_000, 10, 0.10);

        ParquetRecordCodec codec = new ParquetRecordCodec();
        List<PressRelease> rows = new ArrayList<>();
        input.files().forEach(file -> rows.addAll(codec.decode(read(file)).get()));
        assertThat(input.files()).hasSize(10);
        assertThat(rows).hasSize(2_000);
        assertThat(Deduplication.newestPerId(rows).records()).hasSize(input.distinct());
        assertThat(2_000 - input.distinct()).isBetween(150, 250);
    }

    private static byte[] read(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
