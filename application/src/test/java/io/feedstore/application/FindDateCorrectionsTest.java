package io.feedstore.application;

import static io.feedstore.application.Releases.DAY;
import static io.feedstore.application.Releases.GMAIL;
import static io.feedstore.application.Releases.GMAIL_DAY;
import static io.feedstore.application.Releases.RSS;
import static io.feedstore.application.Releases.at;
import static io.feedstore.application.Releases.batch;
import static io.feedstore.application.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.application.FindDateCorrections.DateCorrection;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.SerializingTestCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindDateCorrectionsTest {

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();
    private final FindDateCorrections find = new FindDateCorrections(store, codec, 7);

    private static Partition gmail(int daysAfter) {
        return new Partition(GMAIL, DAY.plusDays(daysAfter));
    }

    @Test
    void anIdStoredUnderTwoDatesOfItsSourceIsFoundFromEitherPartition() {
        batch(store, codec, List.of(release("moved", 1, "“Jyväskylä” – first"), release("stays", 1, "S")));
        batch(store, codec, List.of(release("moved", gmail(2), at("2025-01-17T08:00:00Z"), "“Jyväskylä” – corrected")));
        DateCorrection expected = new DateCorrection(GMAIL, PressReleaseId.of("moved"), List.of(DAY, DAY.plusDays(2)));

        assertThat(find.among(List.of(GMAIL_DAY)).get()).containsExactly(expected);
        assertThat(find.among(List.of(gmail(2))).get()).containsExactly(expected);
        assertThat(find.among(List.of(GMAIL_DAY, gmail(2))).get()).containsExactly(expected);
    }

    @Test
    void aLongBacklogIsSearchedInGroupsAndAnIdFoundByTwoGroupsIsListedOnceWithAllItsDates() {
        batch(store, codec, List.of(release("a", 1, "“Ærø” – first")));
        batch(store, codec, List.of(release("a", gmail(6), null, "six days later")));
        batch(store, codec, List.of(release("a", gmail(12), null, "twelve days later")));
        batch(store, codec, List.of(release("b", gmail(30), null, "alone")));
        List<Partition> backlog = List.of(GMAIL_DAY, gmail(6), gmail(12), gmail(30));

        assertThat(find.among(backlog).get())
                .containsExactly(new DateCorrection(
                        GMAIL, PressReleaseId.of("a"), List.of(DAY, DAY.plusDays(6), DAY.plusDays(12))));
    }

    @Test
    void onlyTheSameSourceWithinTheWindowCountsAndOnlyIdsOfTheGivenPartitionsAreReported() {
        batch(store, codec, List.of(release("a", 1, "A")));
        batch(store, codec, List.of(release("a", new Partition(RSS, DAY), null, "same id, other source")));
        batch(store, codec, List.of(release("a", gmail(8), null, "eight days later: outside the window")));
        batch(store, codec, List.of(release("b", gmail(3), null, "B"), release("b", gmail(3), null, "B again")));
        batch(store, codec, List.of(release("b", gmail(4), null, "B of the next day")));

        assertThat(find.among(List.of(GMAIL_DAY)).get()).isEmpty();
        assertThat(find.among(List.of(gmail(3))).get())
                .extracting(c -> c.id().value())
                .containsExactly("b");
        assertThat(new FindDateCorrections(store, codec, 8)
                        .among(List.of(GMAIL_DAY))
                        .get())
                .extracting(DateCorrection::dates)
                .containsExactly(List.of(DAY, DAY.plusDays(8)));
        assertThat(find.among(List.of()).get()).isEmpty();
    }
}
