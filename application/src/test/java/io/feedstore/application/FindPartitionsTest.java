package io.feedstore.application;

import static io.feedstore.application.Releases.DAY;
import static io.feedstore.application.Releases.GMAIL;
import static io.feedstore.application.Releases.RSS;
import static io.feedstore.application.Releases.batch;
import static io.feedstore.application.Releases.put;
import static io.feedstore.application.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FindPartitionsTest {

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();
    private final FindPartitions find = new FindPartitions(store);

    private final Partition gmailToday = new Partition(GMAIL, DAY);
    private final Partition rssToday = new Partition(RSS, DAY);
    private final Partition gmailYesterday = new Partition(GMAIL, DAY.minusDays(1));
    private final Partition rssLastWeek = new Partition(RSS, DAY.minusDays(7));
    private final Partition otherLastWeek = new Partition(Source.of("other"), DAY.minusDays(7));

    @BeforeEach
    void fill() {
        batch(store, codec, List.of(release("a", gmailToday, null, "A")));
        batch(store, codec, List.of(release("b", rssToday, null, "B")));
        batch(store, codec, List.of(release("c", gmailYesterday, null, "C")));
        // Consolidated long ago, then a late arrival:
        put(store, codec, rssLastWeek.consolidatedKey(), List.of(release("d", rssLastWeek, null, "D")));
        Releases.legacy(store, codec, release("e", rssLastWeek, null, "E"), "late.parquet");
        // Consolidated, nothing since:
        put(store, codec, otherLastWeek.consolidatedKey(), List.of(release("f", otherLastWeek, null, "F")));
        // Not data: never make a partition on their own.
        bytes(new Partition(Source.of("markers"), DAY).prefix().key("_SUCCESS"));
        bytes(ObjectKey.of(StoreLayout.TABLE.value() + "source=deep/release_date=2025-01-15/sub/x.parquet"));
        bytes(ObjectKey.of(StoreLayout.TABLE.value() + "source=BAD/release_date=2025-01-15/x.parquet"));
        bytes(ObjectKey.of("rejects/ingest_20250115_000000_abcd.jsonl"));
    }

    private void bytes(ObjectKey key) {
        store.createIfAbsent(key, "x".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void allFindsEveryPartitionHoldingADataFileInDateThenSourceOrder() {
        assertThat(find.all().get()).containsExactly(otherLastWeek, rssLastWeek, gmailYesterday, gmailToday, rssToday);
    }

    @Test
    void partitionsNeedConsolidationWhenDatedBeforeTheDayAndHoldingMoreThanAConsolidatedFile() {
        assertThat(find.needingConsolidation(DAY).get()).containsExactly(rssLastWeek, gmailYesterday);
        assertThat(find.needingConsolidation(DAY.plusDays(1)).get())
                .containsExactly(rssLastWeek, gmailYesterday, gmailToday, rssToday);
        assertThat(find.needingConsolidation(DAY.minusDays(7)).get()).isEmpty();
    }

    @Test
    void aDateWithoutSourcesMeansTheStoredPartitionsOfThatDate() {
        assertThat(find.on(DAY, Option.none()).get()).containsExactly(gmailToday, rssToday);
        assertThat(find.on(DAY.minusDays(3), Option.none()).get()).isEmpty();
    }

    @Test
    void aDateWithSourcesMeansExactlyThoseSourcesPartitions() {
        assertThat(find.on(DAY, Option.of(Set.of(RSS, Source.of("nothing-yet"))))
                        .get())
                .containsExactly(new Partition(Source.of("nothing-yet"), DAY), rssToday);
    }

    @Test
    void betweenFindsThePartitionsOfADateRangeAndOptionalSources() {
        assertThat(find.between(DAY.minusDays(7), DAY.minusDays(1), Option.none())
                        .get())
                .containsExactly(otherLastWeek, rssLastWeek, gmailYesterday);
        assertThat(find.between(DAY.minusDays(7), DAY, Option.of(Set.of(RSS))).get())
                .containsExactly(rssLastWeek, rssToday);
        assertThatThrownBy(() -> find.between(DAY, DAY.minusDays(1), Option.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'to' is before 'from'");
    }

    @Test
    void aListingFailureIsReturnedNotThrown() {
        FindPartitions broken = new FindPartitions(new InterceptingObjectStore(
                store, InterceptingObjectStore.failing(c -> true, InterceptingObjectStore::ioFailure)));
        assertThat(broken.all().getLeft()).isInstanceOf(StoreFailure.IoFailure.class);
        assertThat(broken.needingConsolidation(DAY).isLeft()).isTrue();
    }
}
