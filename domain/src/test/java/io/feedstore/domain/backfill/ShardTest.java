package io.feedstore.domain.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void nShardsTogetherTakeEveryDateExactlyOnce() {
        qt().forAll(
                        integers().between(1, 64),
                        lists().of(integers().between(-800_000, 2_900_000)).ofSizeBetween(0, 200))
                .checkAssert((count, epochDays) -> {
                    List<LocalDate> dates = epochDays.stream()
                            .distinct()
                            .map(LocalDate::ofEpochDay)
                            .toList();
                    Map<LocalDate, Integer> takenBy = new HashMap<>();
                    IntStream.range(0, count)
                            .forEach(index -> dates.stream()
                                    .filter(new Shard(index, count)::owns)
                                    .forEach(date -> takenBy.merge(date, 1, Integer::sum)));
                    assertThat(takenBy).hasSize(dates.size());
                    assertThat(takenBy.values()).allMatch(times -> times == 1);
                });
    }

    @Test
    void aDateGoesToTheShardOfItsEpochDayModuloTheCount() {
        LocalDate date = LocalDate.of(2025, 8, 18); // epoch day 20318, which is 4 modulo 7
        assertThat(IntStream.range(0, 7).filter(i -> new Shard(i, 7).owns(date)).boxed())
                .containsExactly(4);
        assertThat(new Shard(0, 1).owns(date)).isTrue();
    }

    @Test
    void aShardIsWrittenIOverNAndAnythingElseIsRejectedNamingTheInputAndTheRule() {
        assertThat(Shard.parse("2/5")).isEqualTo(new Shard(2, 5));
        assertThat(Shard.parse("2/5")).hasToString("2/5");
        assertThatThrownBy(() -> Shard.parse("5/5")).hasMessageContaining("5").hasMessageContaining("0 to 4");
        assertThatThrownBy(() -> Shard.parse("two of five"))
                .hasMessageContaining("'two of five'")
                .hasMessageContaining("I/N");
        assertThatThrownBy(() -> new Shard(0, 0)).hasMessageContaining("at least 1");
    }
}
