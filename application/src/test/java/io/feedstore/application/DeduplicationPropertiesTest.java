package io.feedstore.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.domain.consolidation.Deduplicated;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The deduplication rule as consolidation and the loader rely on it: the same winners whatever the order of the
 * rows (files are read in any order, by any run), a result deduplicated again is unchanged (a consolidated
 * file is an input of the next consolidation), and the newest {@code ingested_at}, then the highest
 * {@code parser_version}, wins.
 */
class DeduplicationPropertiesTest {

    private static final Gen<List<PressRelease>> ROWS =
            lists().of(ReleaseGenerators.releases()).ofSizeBetween(0, 40);

    @Test
    void deduplicationIsIndependentOfInputOrder() {
        qt().withExamples(300).forAll(ROWS, longs().all()).checkAssert((rows, seed) -> {
            List<PressRelease> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(Deduplication.newestPerId(shuffled)).isEqualTo(Deduplication.newestPerId(rows));
        });
    }

    @Test
    void deduplicatingAResultAgainChangesNothing() {
        qt().withExamples(300).forAll(ROWS).checkAssert(rows -> {
            List<PressRelease> once = Deduplication.newestPerId(rows).records();
            Deduplicated twice = Deduplication.newestPerId(once);
            assertThat(twice.records()).isEqualTo(once);
            assertThat(twice.duplicatesRemoved()).isZero();
        });
    }

    /** What makes consolidating in several runs (consolidated file + new batches) equal to consolidating once. */
    @Test
    void deduplicatingInStepsEqualsDeduplicatingAllAtOnce() {
        qt().withExamples(300).forAll(ROWS, integers().between(0, 40)).checkAssert((rows, cut) -> {
            int at = Math.min(cut, rows.size());
            List<PressRelease> stepwise = new ArrayList<>(
                    Deduplication.newestPerId(rows.subList(0, at)).records());
            stepwise.addAll(rows.subList(at, rows.size()));
            assertThat(Deduplication.newestPerId(stepwise).records())
                    .isEqualTo(Deduplication.newestPerId(rows).records());
        });
    }

    @Test
    void eachIdKeepsItsNewestIngestedAtAndAMissingOneLosesToAnyPresent() {
        qt().withExamples(300).forAll(ROWS).checkAssert(rows -> {
            Deduplicated result = Deduplication.newestPerId(rows);
            assertThat(result.inputRows()).isEqualTo(rows.size());
            assertThat(result.records())
                    .extracting(PressRelease::id)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            rows.stream().map(PressRelease::id).distinct().toList());
            for (PressRelease winner : result.records()) {
                List<PressRelease> versions =
                        rows.stream().filter(r -> r.id().equals(winner.id())).toList();
                assertThat(versions).contains(winner);
                Instant newest = versions.stream()
                        .flatMap(r -> r.ingestedAt().toJavaStream())
                        .max(Instant::compareTo)
                        .orElse(null);
                assertThat(winner.ingestedAt().getOrNull())
                        .as("winner of %s", winner.id())
                        .isEqualTo(newest);
            }
        });
    }

    /** Rows from the pools with parser versions 1, 2 or none, and stamps also a nanosecond after the pool's. */
    private static final Gen<List<PressRelease>> REPARSED_ROWS = lists().of(ReleaseGenerators.releases()
                    .zip(
                            integers().between(0, 2),
                            integers().between(0, 1),
                            (r, parser, nudge) -> new PressRelease(
                                    r.id(),
                                    r.companyName(),
                                    r.category(),
                                    r.releaseDate(),
                                    r.releaseTimestamp(),
                                    r.ingestedAt().map(at -> at.plusNanos(nudge)),
                                    r.title(),
                                    r.fullText(),
                                    r.source(),
                                    r.sourceUrl(),
                                    parser == 0 ? Option.none() : Option.of(parser),
                                    r.schemaVersion())))
            .ofSizeBetween(0, 40);

    @Test
    void atTheNewestIngestedAtTheHighestParserVersionWinsAndANanosecondIsNewer() {
        qt().withExamples(300).forAll(REPARSED_ROWS, longs().all()).checkAssert((rows, seed) -> {
            Deduplicated result = Deduplication.newestPerId(rows);
            List<PressRelease> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(Deduplication.newestPerId(shuffled)).isEqualTo(result);
            for (PressRelease winner : result.records()) {
                List<PressRelease> versions =
                        rows.stream().filter(r -> r.id().equals(winner.id())).toList();
                Instant newest = versions.stream()
                        .flatMap(r -> r.ingestedAt().toJavaStream())
                        .max(Instant::compareTo)
                        .orElse(null);
                int highestParser = versions.stream()
                        .filter(r -> Objects.equals(r.ingestedAt().getOrNull(), newest))
                        .mapToInt(r -> r.parserVersion().getOrElse(Integer.MIN_VALUE))
                        .max()
                        .getAsInt();
                assertThat(winner.ingestedAt().getOrNull())
                        .as("winner of %s", winner.id())
                        .isEqualTo(newest);
                assertThat(winner.parserVersion().getOrElse(Integer.MIN_VALUE))
                        .as("parser of %s", winner.id())
                        .isEqualTo(highestParser);
            }
        });
    }

    @Test
    void equalIngestedAtIsBrokenByContentNotByPosition() {
        PressRelease a = ReleaseGenerators.release(1, 0, 2, 0);
        PressRelease b = ReleaseGenerators.release(1, 0, 2, 1);
        assertThat(a.ingestedAt()).isEqualTo(b.ingestedAt());
        assertThat(Deduplication.newestPerId(List.of(a, b)).records())
                .isEqualTo(Deduplication.newestPerId(List.of(b, a)).records())
                .hasSize(1)
                .extracting(PressRelease::id)
                .containsExactly(PressReleaseId.of("pr-1"));
    }
}
