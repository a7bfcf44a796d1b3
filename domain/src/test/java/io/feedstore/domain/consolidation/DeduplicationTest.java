package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.domain.Generators;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeduplicationTest {

    private static PressRelease release(String id, String ingestedAt, String title) {
        PressRelease.Builder b = PressRelease.builder(
                        PressReleaseId.of(id), Source.of("rss"), LocalDate.of(2025, 1, 15))
                .title(title);
        if (ingestedAt != null) {
            b.ingestedAt(WireRecord.parseInstant("ingested_at", ingestedAt));
        }
        return b.build();
    }

    @Test
    void theNewestIngestedVersionWinsInEitherOrder() {
        PressRelease older = release("pr-1", "2025-01-15T10:00:00Z", "first");
        PressRelease newer = release("pr-1", "2025-01-15T11:00:00Z", "update");

        assertThat(Deduplication.newestPerId(List.of(older, newer)).records()).containsExactly(newer);
        assertThat(Deduplication.newestPerId(List.of(newer, older)).records()).containsExactly(newer);
    }

    @Test
    void ingestedAtIsComparedAsAnInstantNotAsText() {
        PressRelease tenUtc = release("pr-1", "2025-01-15T12:00:00+02:00", "written at 10:00 UTC");
        PressRelease elevenUtc = release("pr-1", "2025-01-15T11:00:00Z", "written at 11:00 UTC");

        assertThat(Deduplication.newestPerId(List.of(tenUtc, elevenUtc)).records())
                .containsExactly(elevenUtc);
        assertThat(Deduplication.newestPerId(List.of(elevenUtc, tenUtc)).records())
                .containsExactly(elevenUtc);
    }

    @Test
    void aMicrosecondIsEnoughToBeNewer() {
        PressRelease a = release("pr-1", "2025-01-15T11:00:00.000001Z", "a");
        PressRelease b = release("pr-1", "2025-01-15T11:00:00Z", "z");

        assertThat(Deduplication.newestPerId(List.of(a, b)).records()).containsExactly(a);
    }

    @Test
    void aNanosecondIsEnoughToBeNewerWhateverTheContentAndTheOrder() {
        qt().withExamples(1_000)
                .forAll(Generators.pressReleases(), Generators.pressReleases(), Generators.instants())
                .assuming((a, b, at) -> at.isBefore(Instant.parse("9999-12-31T23:59:59.999999999Z")))
                .checkAssert((a, b, at) -> {
                    PressRelease older = a.withIngestedAt(at);
                    PressRelease newer = new PressRelease(
                            older.id(),
                            b.companyName(),
                            b.category(),
                            b.releaseDate(),
                            b.releaseTimestamp(),
                            Option.of(at.plusNanos(1)),
                            b.title(),
                            b.fullText(),
                            b.source(),
                            b.sourceUrl(),
                            b.parserVersion(),
                            b.schemaVersion());

                    assertThat(Deduplication.newestPerId(List.of(older, newer)).records())
                            .containsExactly(newer);
                    assertThat(Deduplication.newestPerId(List.of(newer, older)).records())
                            .containsExactly(newer);
                });
    }

    @Test
    void atTheSameIngestedAtTheHigherParserVersionWinsWhateverTheContent() {
        qt().withExamples(1_000)
                .forAll(
                        Generators.pressReleases(),
                        Generators.pressReleases(),
                        Generators.options(integers().all()))
                .assuming((a, b, version) -> version.forAll(v -> v < Integer.MAX_VALUE))
                .checkAssert((a, b, version) -> {
                    PressRelease older = new PressRelease(
                            a.id(),
                            a.companyName(),
                            a.category(),
                            a.releaseDate(),
                            a.releaseTimestamp(),
                            a.ingestedAt(),
                            a.title(),
                            a.fullText(),
                            a.source(),
                            a.sourceUrl(),
                            version,
                            a.schemaVersion());
                    // A missing parser version is older than any; the re-parse has one more than the parse.
                    PressRelease reparsed = new PressRelease(
                            a.id(),
                            b.companyName(),
                            b.category(),
                            b.releaseDate(),
                            b.releaseTimestamp(),
                            a.ingestedAt(),
                            b.title(),
                            b.fullText(),
                            b.source(),
                            b.sourceUrl(),
                            Option.of(version.map(v -> v + 1).getOrElse(Integer.MIN_VALUE)),
                            b.schemaVersion());

                    assertThat(Deduplication.newestPerId(List.of(older, reparsed))
                                    .records())
                            .containsExactly(reparsed);
                    assertThat(Deduplication.newestPerId(List.of(reparsed, older))
                                    .records())
                            .containsExactly(reparsed);
                });
    }

    @Test
    void aNewerParserVersionSupersedesAnOlderParseOfTheSameItem() {
        PressRelease v1 = PressRelease.builder(PressReleaseId.of("pr-1"), Source.of("gmail"), LocalDate.of(2025, 1, 15))
                .ingestedAt(Instant.parse("2025-01-15T10:00:00Z"))
                .title("\u201cÅsa Lindqvist\u201d \u2013 zzz")
                .parserVersion(1)
                .build();
        PressRelease v2 = PressRelease.builder(PressReleaseId.of("pr-1"), Source.of("gmail"), LocalDate.of(2025, 1, 15))
                .ingestedAt(Instant.parse("2025-01-15T10:00:00Z"))
                .title("\u201cÅsa Lindqvist\u201d \u2013 Jyväskylä")
                .parserVersion(2)
                .build();
        PressRelease newerV1 = v1.withIngestedAt(Instant.parse("2025-01-15T10:00:00.000000001Z"));

        assertThat(Deduplication.newer(v1, v2)).isEqualTo(v2);
        assertThat(Deduplication.newer(v2, v1)).isEqualTo(v2);
        assertThat(Deduplication.newer(v2, newerV1))
                .as("ingested_at still decides first")
                .isEqualTo(newerV1);
    }

    @Test
    void aRowWithoutIngestedAtLosesToAnyRowWithOne() {
        PressRelease missing = release("pr-1", null, "zzz newest looking content");
        PressRelease ancient = release("pr-1", "0001-01-01T00:00:00Z", "a");

        assertThat(Deduplication.newestPerId(List.of(missing, ancient)).records())
                .containsExactly(ancient);
        assertThat(Deduplication.newestPerId(List.of(ancient, missing)).records())
                .containsExactly(ancient);
    }

    @Test
    void tiesAreBrokenByContentTheSameWayWhateverTheOrder() {
        PressRelease a = release("pr-1", "2025-01-15T11:00:00Z", "a");
        PressRelease b = release("pr-1", "2025-01-15T11:00:00Z", "b");
        PressRelease c = release("pr-1", "2025-01-15T11:00:00Z", "c");

        PressRelease winner =
                Deduplication.newestPerId(List.of(a, b, c)).records().get(0);

        assertThat(winner).isEqualTo(c);
        for (List<PressRelease> order : List.of(List.of(c, b, a), List.of(b, c, a), List.of(b, a, c))) {
            assertThat(Deduplication.newestPerId(order).records()).containsExactly(winner);
        }
        assertThat(Deduplication.newer(a, c)).isEqualTo(c);
        assertThat(Deduplication.newer(c, a)).isEqualTo(c);
    }

    @Test
    void rowsWithoutIngestedAtAreAlsoTieBrokenByContent() {
        PressRelease a = release("pr-1", null, "a");
        PressRelease b = release("pr-1", null, "b");

        assertThat(Deduplication.newestPerId(List.of(a, b)).records()).containsExactly(b);
        assertThat(Deduplication.newestPerId(List.of(b, a)).records()).containsExactly(b);
    }

    @Test
    void winnersAreSortedByIdAndDuplicatesCounted() {
        Deduplicated result = Deduplication.newestPerId(List.of(
                release("pr-3", "2025-01-15T11:00:00Z", "x"),
                release("pr-1", "2025-01-15T11:00:00Z", "x"),
                release("pr-3", "2025-01-15T11:00:00Z", "x"),
                release("pr-2", "2025-01-15T09:00:00Z", "x"),
                release("pr-2", "2025-01-15T10:00:00Z", "y")));

        assertThat(result.records()).extracting(r -> r.id().value()).containsExactly("pr-1", "pr-2", "pr-3");
        assertThat(result.inputRows()).isEqualTo(5);
        assertThat(result.duplicatesRemoved()).isEqualTo(2);
    }

    @Test
    void nothingInGivesNothingOut() {
        Deduplicated result = Deduplication.newestPerId(List.of());

        assertThat(result.records()).isEmpty();
        assertThat(result.inputRows()).isZero();
        assertThat(result.duplicatesRemoved()).isZero();
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfTheRows() {
        qt().withExamples(1_000)
                .forAll(Generators.collidingRows(30), longs().all())
                .checkAssert((rows, seed) -> assertThat(Deduplication.newestPerId(Generators.shuffled(rows, seed)))
                        .isEqualTo(Deduplication.newestPerId(rows)));
    }

    @Test
    void deduplicatingAgainChangesNothing() {
        qt().withExamples(1_000).forAll(Generators.collidingRows(30)).checkAssert(rows -> {
            Deduplicated once = Deduplication.newestPerId(rows);
            Deduplicated twice = Deduplication.newestPerId(once.records());

            assertThat(twice.records()).isEqualTo(once.records());
            assertThat(twice.duplicatesRemoved()).isZero();
        });
    }

    @Test
    void deduplicatingInStepsEqualsDeduplicatingAllAtOnce() {
        // Consolidation merges new batches into an earlier result: that must equal merging every row ever seen.
        qt().withExamples(1_000)
                .forAll(Generators.collidingRows(20), Generators.collidingRows(20))
                .checkAssert((earlier, later) -> {
                    List<PressRelease> all = new ArrayList<>(earlier);
                    all.addAll(later);
                    List<PressRelease> stepwise =
                            new ArrayList<>(Deduplication.newestPerId(earlier).records());
                    stepwise.addAll(later);

                    assertThat(Deduplication.newestPerId(stepwise).records())
                            .isEqualTo(Deduplication.newestPerId(all).records());
                });
    }

    @Test
    void everyIdSurvivesOnceAsItsNewestRowAndNoRowIsInvented() {
        qt().withExamples(1_000).forAll(Generators.collidingRows(30)).checkAssert(rows -> {
            Deduplicated result = Deduplication.newestPerId(rows);
            Map<PressReleaseId, List<PressRelease>> byId =
                    rows.stream().collect(Collectors.groupingBy(PressRelease::id));

            assertThat(result.records())
                    .extracting(PressRelease::id)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(byId.keySet());
            assertThat(rows).containsAll(result.records());
            assertThat(result.inputRows()).isEqualTo(rows.size());
            for (PressRelease winner : result.records()) {
                for (PressRelease other : byId.get(winner.id())) {
                    assertThat(PressRelease.NEWEST_LAST.compare(winner, other)).isGreaterThanOrEqualTo(0);
                    if (winner.ingestedAt().isEmpty()) {
                        assertThat(other.ingestedAt()).isEmpty();
                    } else if (other.ingestedAt().isDefined()) {
                        assertThat(winner.ingestedAt().get())
                                .isAfterOrEqualTo(other.ingestedAt().get());
                    }
                }
            }
        });
    }

    @Test
    void theResultIsIndependentOfOrderForRecordsOfEveryShape() {
        qt().withExamples(300)
                .forAll(
                        lists().of(Generators.pressReleases(
                                        Generators.idsFrom(3),
                                        Generators.sources(),
                                        Generators.dates(),
                                        Generators.options(Generators.instants())))
                                .ofSizeBetween(0, 12),
                        longs().all())
                .checkAssert((rows, seed) -> assertThat(Deduplication.newestPerId(Generators.shuffled(rows, seed)))
                        .isEqualTo(Deduplication.newestPerId(rows)));
    }

    @Test
    void aResultCannotHaveMoreWinnersThanRows() {
        PressRelease r = release("pr-1", null, "x");

        assertThatIllegalArgumentException().isThrownBy(() -> new Deduplicated(List.of(r), 0));
        assertThat(new Deduplicated(List.of(r), 3).duplicatesRemoved()).isEqualTo(2);
    }

    @Test
    void aSingleInstantRowIsItsOwnWinner() {
        PressRelease r = release("pr-1", "2025-01-15T11:00:00Z", "x");

        assertThat(Deduplication.newer(r, r)).isSameAs(r);
        assertThat(r.ingestedAt()).containsExactly(Instant.parse("2025-01-15T11:00:00Z"));
    }
}
