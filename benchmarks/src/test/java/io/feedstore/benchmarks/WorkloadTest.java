package io.feedstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import java.nio.charset.StandardCharsets;
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
    void everyFullTextIsHalfToFourKilobytesOfProseInEitherStyle() {
        qt().withExamples(200)
                .forAll(
                        longs().all(),
                        integers().between(0, 10_000),
                        integers().between(0, 3),
                        booleans().all())
                .checkAssert((seed, n, version, ascii) -> {
                    String text = new Workload(seed, pool, ascii ? Prose.Style.ASCII : Prose.Style.TYPOGRAPHIC)
                            .release(partition, n, version)
                            .fullText()
                            .get();
                    assertThat(text.getBytes(StandardCharsets.UTF_8).length)
                            .isBetween(Prose.MIN_TEXT - 4, Prose.MAX_TEXT);
                    assertThat(text.split(" ").length).isGreaterThan(Prose.MIN_TEXT / 16);
                });
    }

    @Test
    void typographicTextHasDashesCurlyQuotesAndNordicLettersEverywhereAndCjkWithEmojiInAShare() {
        int withCjk = 0;
        int releases = 400;
        for (int n = 0; n < releases; n++) {
            PressRelease release = new Workload(20250101L, pool).release(partition, n, n % 3);
            String text = release.fullText().get();
            assertThat(text).as("text %d", n).contains("–").containsAnyOf("“", "‘");
            assertThat(text).as("text %d", n).containsPattern("[ÅÄÖåäöÆØæø]");
            assertThat(release.title().get()).as("title %d", n).contains("–").containsPattern("[ÅÄÖåäöÆØæø]");
            assertThat(text.codePoints().filter(c -> c == 0xFFFD)).isEmpty();
            boolean cjk = text.codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                            || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
            boolean emoji = text.codePoints().anyMatch(Character::isSupplementaryCodePoint)
                    || text.contains("✅")
                    || text.contains("💡");
            if (cjk) {
                assertThat(emoji).as("text %d has CJK and so emoji", n).isTrue();
                withCjk++;
            }
        }
        assertThat((double) withCjk / releases).isBetween(Prose.CJK_SHARE / 2, Prose.CJK_SHARE * 2);
    }

    @Test
    void asciiTextIsPlainAscii() {
        for (int n = 0; n < 200; n++) {
            PressRelease release = new Workload(20250101L, pool, Prose.Style.ASCII).release(partition, n, n % 3);
            assertThat(release.fullText().get()
                            + release.title().get()
                            + release.companyName().get())
                    .as("release %d", n)
                    .matches("\\p{ASCII}*");
        }
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
