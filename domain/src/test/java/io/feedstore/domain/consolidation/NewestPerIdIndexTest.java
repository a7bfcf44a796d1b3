package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.Generators;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewestPerIdIndexTest {

    /**
     * What consolidation does with the index: rows split over inputs, their keys offered in pass 1; pass 2 keeps
     * the outright winners and settles ties by comparing candidates; the result sorted by rank.
     */
    private static List<PressRelease> winnersThroughTheIndex(List<List<PressRelease>> inputs) {
        NewestPerIdIndex index = new NewestPerIdIndex();
        for (int i = 0; i < inputs.size(); i++) {
            List<PressRelease> rows = inputs.get(i);
            for (int r = 0; r < rows.size(); r++) {
                PressRelease row = rows.get(r);
                index.offer(NewestPerIdIndex.idBytes(row), row.ingestedAtKey(), i, r);
            }
        }
        BitSet[] winners = index.winningRows(inputs.size());
        int[] rank = index.ranks();
        PressRelease[] byRank = new PressRelease[index.size()];
        Map<Integer, PressRelease> tied = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            List<PressRelease> rows = inputs.get(i);
            for (int r = 0; r < rows.size(); r++) {
                PressRelease row = rows.get(r);
                int entry = index.find(NewestPerIdIndex.idBytes(row));
                if (winners[i].get(r)) {
                    assertThat(byRank[rank[entry]])
                            .as("one outright winner per id")
                            .isNull();
                    byRank[rank[entry]] = row;
                } else if (index.isTied(entry) && index.ingestedAt(entry) == row.ingestedAtKey()) {
                    tied.merge(entry, row, Deduplication::newer);
                }
            }
        }
        tied.forEach((entry, row) -> byRank[rank[entry]] = row);
        return List.of(byRank);
    }

    @Test
    void theIndexPicksExactlyTheWinnersDeduplicationPicksInTheSameIdOrderTiesIncluded() {
        qt().withExamples(300)
                .forAll(Generators.collidingRows(40), integers().between(1, 4))
                .checkAssert((rows, inputCount) -> {
                    List<List<PressRelease>> inputs = new ArrayList<>();
                    for (int i = 0; i < inputCount; i++) {
                        inputs.add(new ArrayList<>());
                    }
                    for (int r = 0; r < rows.size(); r++) {
                        inputs.get(r % inputCount).add(rows.get(r));
                    }
                    assertThat(winnersThroughTheIndex(inputs))
                            .isEqualTo(Deduplication.newestPerId(rows).records());
                });
    }

    @Test
    void aNanosecondIsEnoughToBeNewerThroughTheIndexInEveryYear() {
        qt().withExamples(1_000)
                .forAll(
                        Generators.pressReleases(),
                        Generators.instants(),
                        integers().between(0, 1))
                .assuming((r, at, first) -> at.isBefore(Instant.parse("9999-12-31T23:59:59.999999999Z")))
                .checkAssert((r, at, first) -> {
                    PressRelease older = r.withIngestedAt(at).withTitle("“Ærø” – zzz");
                    PressRelease newer = r.withIngestedAt(at.plusNanos(1)).withTitle("“Ærø” – a");
                    List<List<PressRelease>> inputs =
                            first == 0 ? List.of(List.of(older), List.of(newer)) : List.of(List.of(newer, older));

                    assertThat(winnersThroughTheIndex(inputs)).containsExactly(newer);
                });
    }

    @Test
    void atTheSameInstantTheHigherParserVersionWinsThroughTheIndex() {
        PressRelease v1 = PressRelease.builder(PressReleaseId.of("x"), Source.of("gmail"), LocalDate.of(2025, 1, 15))
                .ingestedAt(Instant.parse("2025-01-15T10:00:00.123456789Z"))
                .title("zzz")
                .parserVersion(1)
                .build();
        PressRelease v2 = PressRelease.builder(PressReleaseId.of("x"), Source.of("gmail"), LocalDate.of(2025, 1, 15))
                .ingestedAt(Instant.parse("2025-01-15T10:00:00.123456789Z"))
                .title("a")
                .parserVersion(2)
                .build();

        assertThat(winnersThroughTheIndex(List.of(List.of(v1), List.of(v2)))).containsExactly(v2);
        assertThat(winnersThroughTheIndex(List.of(List.of(v2, v1)))).containsExactly(v2);
    }

    @Test
    void ranksOrderIdsAsStringsCompareThemWhateverTheirCharacters() {
        qt().withExamples(200)
                .forAll(lists().of(Generators.ids()).ofSizeBetween(0, 60))
                .checkAssert(ids -> {
                    NewestPerIdIndex index = new NewestPerIdIndex();
                    for (PressReleaseId id : ids) {
                        index.offer(id.value().getBytes(StandardCharsets.UTF_8), 0, 0, 0);
                    }
                    int[] rank = index.ranks();
                    List<String> byRank = new ArrayList<>();
                    for (int i = 0; i < index.size(); i++) {
                        byRank.add(null);
                    }
                    for (int entry = 0; entry < index.size(); entry++) {
                        byRank.set(rank[entry], index.id(entry));
                    }
                    assertThat(byRank)
                            .isEqualTo(ids.stream()
                                    .map(PressReleaseId::value)
                                    .distinct()
                                    .sorted(Comparator.naturalOrder())
                                    .toList());
                });
    }

    @Test
    void idsWithTheSameHashAreNeverConflated() {
        // "Aa" and "BB" have the same Arrays.hashCode of their bytes (and the same String hash).
        byte[] aa = "Aa".getBytes(StandardCharsets.UTF_8);
        byte[] bb = "BB".getBytes(StandardCharsets.UTF_8);
        NewestPerIdIndex index = new NewestPerIdIndex();

        int first = index.offer(aa, 1, 0, 0);
        int second = index.offer(bb, 2, 0, 1);

        assertThat(first).isNotEqualTo(second);
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.find(aa)).isEqualTo(first);
        assertThat(index.find(bb)).isEqualTo(second);
        assertThat(index.find("Ab".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void aHundredThousandIdsAreEachFoundAgainAcrossGrowth() {
        NewestPerIdIndex index = new NewestPerIdIndex();
        for (int i = 0; i < 100_000; i++) {
            index.offer(("pr-" + i).getBytes(StandardCharsets.UTF_8), i, i % 7, i);
            index.offer(("pr-" + (i / 2)).getBytes(StandardCharsets.UTF_8), i, i % 7, i);
        }
        assertThat(index.size()).isEqualTo(100_000);
        assertThat(index.offered()).isEqualTo(200_000);
        for (int i = 0; i < 100_000; i += 997) {
            int entry = index.find(("pr-" + i).getBytes(StandardCharsets.UTF_8));
            assertThat(index.id(entry)).isEqualTo("pr-" + i);
            assertThat(index.ingestedAt(entry)).isEqualTo(Math.max(i, 2L * i + 1 < 100_000 ? 2L * i + 1 : i));
        }
    }

    @Test
    void aSecondRowAtTheSameInstantIsATieCopiesIncludedUntilANewerRowEndsIt() {
        PressRelease a = PressRelease.builder(PressReleaseId.of("x"), Source.of("rss"), LocalDate.of(2025, 1, 15))
                .ingestedAt(Instant.parse("2025-01-15T10:00:00Z"))
                .title("a")
                .build();
        PressRelease older = a.withIngestedAt(Instant.parse("2025-01-15T09:59:59.999999Z"));
        PressRelease newer = a.withIngestedAt(Instant.parse("2025-01-15T10:00:00.000001Z"));
        NewestPerIdIndex index = new NewestPerIdIndex();

        int entry = offer(index, a, 0);
        offer(index, older, 1);
        assertThat(index.isTied(entry)).isFalse();
        offer(index, a, 2);
        assertThat(index.isTied(entry)).isTrue();
        offer(index, a.withTitle("b"), 3);
        assertThat(index.tiedCount()).isEqualTo(1);
        assertThat(index.winningRows(1)[0].isEmpty())
                .as("a tied id has no outright winner")
                .isTrue();
        offer(index, newer, 4);
        assertThat(index.isTied(entry)).isFalse();
        assertThat(index.tiedCount()).isZero();
        assertThat(index.winningRows(1)[0].stream().toArray()).containsExactly(4);
    }

    @Test
    void anIdWhoseRowWasNeverWrittenHasNoRowsDigest() {
        PressRelease a = PressRelease.builder(PressReleaseId.of("x"), Source.of("rss"), LocalDate.of(2025, 1, 15))
                .build();
        NewestPerIdIndex index = new NewestPerIdIndex();
        int entry = offer(index, a, 0);
        assertThat(index.sameDigest(entry, RowDigest.of(a))).isFalse();
        index.setDigest(entry, RowDigest.of(a));
        assertThat(index.sameDigest(entry, RowDigest.of(a))).isTrue();
    }

    private static int offer(NewestPerIdIndex index, PressRelease row, int number) {
        return index.offer(NewestPerIdIndex.idBytes(row), row.ingestedAtKey(), 0, number);
    }
}
