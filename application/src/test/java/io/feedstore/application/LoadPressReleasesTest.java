package io.feedstore.application;

import static io.feedstore.application.Releases.DAY;
import static io.feedstore.application.Releases.GMAIL;
import static io.feedstore.application.Releases.GMAIL_DAY;
import static io.feedstore.application.Releases.RSS;
import static io.feedstore.application.Releases.RSS_DAY;
import static io.feedstore.application.Releases.at;
import static io.feedstore.application.Releases.batch;
import static io.feedstore.application.Releases.legacy;
import static io.feedstore.application.Releases.put;
import static io.feedstore.application.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.application.InterceptingObjectStore.Op;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.feedstore.testkit.RecordingObjectStore;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadPressReleasesTest {

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();
    private final LoadPressReleases load = new LoadPressReleases(store, codec);

    @Test
    void eachPressReleaseComesOnceInItsNewestVersionOrderedByDateSourceAndId() {
        Partition rssYesterday = new Partition(RSS, DAY.minusDays(1));
        batch(store, codec, List.of(release("b", 1, "B old"), release("a", 1, "A")));
        batch(store, codec, List.of(release("b", 7, "B new")));
        batch(store, codec, List.of(release("c", RSS_DAY, at("2025-01-15T01:00:00Z"), "C")));
        legacy(store, codec, release("z", rssYesterday, null, "Z"), "part-0.parquet");
        put(store, codec, GMAIL_DAY.consolidatedKey(), List.of(release("b", 3, "B middle"), release("d", 2, "D")));

        assertThat(load.load(DAY.minusDays(1), DAY, Option.none()))
                .containsExactly(
                        release("z", rssYesterday, null, "Z"),
                        release("a", 1, "A"),
                        release("b", 7, "B new"),
                        release("d", 2, "D"),
                        release("c", RSS_DAY, at("2025-01-15T01:00:00Z"), "C"));
    }

    @Test
    void theAnswerIsTheSameBeforeAndAfterConsolidation() {
        batch(store, codec, List.of(release("a", 1, "A"), release("b", 2, "B")));
        batch(store, codec, List.of(release("a", 3, "A new")));
        batch(store, codec, List.of(release("c", RSS_DAY, null, "C")));
        List<PressRelease> before = load.load(DAY, DAY, Option.none());
        new ConsolidatePartitions(store, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT)
                .consolidate(List.of(GMAIL_DAY, RSS_DAY), RunMode.APPLY);
        assertThat(load.load(DAY, DAY, Option.none())).isEqualTo(before).hasSize(3);
    }

    @Test
    void anIdStoredInTwoPartitionsComesOnceInItsNewestVersion() {
        Partition corrected = new Partition(GMAIL, DAY.plusDays(1));
        batch(store, codec, List.of(release("a", 1, "A first dated the 15th")));
        batch(store, codec, List.of(release("a", corrected, at("2025-01-16T08:00:00Z"), "A corrected to the 16th")));
        assertThat(load.load(DAY, DAY.plusDays(1), Option.none()))
                .containsExactly(release("a", corrected, at("2025-01-16T08:00:00Z"), "A corrected to the 16th"));
    }

    @Test
    void theAnswerIsEveryRowOfTheRangeDeduplicatedAtOnceInOrderWhateverTheNumberOfThreads() {
        org.quicktheories.QuickTheory.qt()
                .withExamples(300)
                .forAll(org.quicktheories.generators.SourceDSL.lists()
                        .of(ReleaseGenerators.releases())
                        .ofSizeBetween(0, 40))
                .checkAssert(rows -> {
                    InMemoryObjectStore fresh = new InMemoryObjectStore();
                    // A legacy file per row: rows of one id in several files of a partition and in several
                    // partitions (a corrected release date), equal versions included.
                    for (int i = 0; i < rows.size(); i++) {
                        legacy(fresh, codec, rows.get(i), "part-" + i + ".parquet");
                    }
                    List<PressRelease> expected =
                            new java.util.ArrayList<>(io.feedstore.domain.consolidation.Deduplication.newestPerId(rows)
                                    .records());
                    expected.sort(LoadPressReleases.ORDER);
                    for (int threads : new int[] {1, 2, 4}) {
                        assertThat(new LoadPressReleases(fresh, codec, 1, Duration.ZERO, threads)
                                        .load(DAY.minusDays(1), DAY, Option.none()))
                                .as("%d threads", threads)
                                .isEqualTo(expected);
                    }
                });
    }

    @Test
    void onlyTheDateRangeAndTheNamedSourcesAreRead() {
        batch(store, codec, List.of(release("a", 1, "A")));
        batch(store, codec, List.of(release("b", RSS_DAY, null, "B")));
        batch(store, codec, List.of(release("c", new Partition(Source.of("third"), DAY), null, "C")));
        batch(store, codec, List.of(release("old", new Partition(GMAIL, DAY.minusDays(1)), null, "old")));
        batch(store, codec, List.of(release("new", new Partition(GMAIL, DAY.plusDays(1)), null, "new")));

        assertThat(load.load(DAY, DAY, Option.of(Set.of(GMAIL, RSS))))
                .extracting(r -> r.id().value())
                .containsExactly("a", "b");
        assertThat(load.load(DAY, DAY, Option.none()))
                .extracting(r -> r.id().value())
                .containsExactly("a", "b", "c");
        assertThat(load.load(DAY.plusDays(1), DAY.plusDays(9), Option.none()))
                .extracting(r -> r.id().value())
                .containsExactly("new");
        assertThat(load.load(DAY, DAY, Option.of(Set.of(Source.of("nobody"))))).isEmpty();
    }

    @Test
    void aMonthOfOneRowLegacyFilesIsReadInOneBulkCallSoAConcurrentStoreOverlapsRequestsAcrossPartitions() {
        RecordingObjectStore recording = new RecordingObjectStore();
        for (int day = 0; day < 30; day++) {
            Partition partition = new Partition(GMAIL, DAY.plusDays(day));
            for (int n = 0; n < 5; n++) {
                legacy(
                        recording.unrecorded(),
                        codec,
                        release("d" + day + "n" + n, partition, null, "Ærø – “dag” " + day),
                        "msgId=d" + day + "n" + n + ".parquet");
            }
        }

        List<PressRelease> loaded = new LoadPressReleases(recording, codec).load(DAY, DAY.plusDays(29), Option.none());

        assertThat(loaded).hasSize(150);
        // Listings: the table's partitions, and the flat folders of the range and its window of date corrections.
        assertThat(recording.calls().stream().filter(call -> !call.equals("list")))
                .containsExactly("readAll");
    }

    /**
     * The dangerous interleaving: the loader has read the old consolidated file, then a consolidation moves the
     * remaining files' rows into a new consolidated file and deletes them. Skipping the vanished file, or reading
     * only it again, would lose rows; the loader must read the whole partition again.
     */
    @Test
    void aFileDeletedByAConcurrentConsolidationMakesTheLoaderReadThePartitionAgainAndMissNothing() {
        batch(store, codec, List.of(release("a", 1, "A")));
        put(store, codec, GMAIL_DAY.consolidatedKey(), List.of(release("b", 1, "B")));
        ObjectKey legacyKey = legacy(store, codec, release("c", 1, "C"), "part-00000.parquet");
        AtomicBoolean consolidated = new AtomicBoolean();
        InterceptingObjectStore racing = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.before(
                        c -> c.op() == Op.READ && c.isAbout(legacyKey) && consolidated.compareAndSet(false, true),
                        c -> assertThat(new ConsolidatePartitions(
                                                store, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT)
                                        .consolidate(GMAIL_DAY, RunMode.APPLY)
                                        .status())
                                .isEqualTo(PartitionStatus.CONSOLIDATED)));

        List<PressRelease> loaded =
                new LoadPressReleases(racing, codec, 3, Duration.ZERO).load(DAY, DAY, Option.none());

        assertThat(consolidated).isTrue();
        assertThat(loaded).extracting(r -> r.id().value()).containsExactly("a", "b", "c");
    }

    @Test
    void aPartitionThatKeepsChangingEndsInAClearErrorAfterBoundedAttempts() {
        batch(store, codec, List.of(release("a", 1, "A")));
        AtomicInteger reads = new AtomicInteger();
        InterceptingObjectStore vanishing = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.READ && reads.incrementAndGet() > 0,
                        c -> new StoreFailure.NotFound(ObjectKey.of(c.target()))));

        assertThatThrownBy(
                        () -> new LoadPressReleases(vanishing, codec, 4, Duration.ZERO).load(DAY, DAY, Option.none()))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining(GMAIL_DAY.toString())
                .hasMessageContaining("kept changing")
                .hasMessageContaining("4 times");
        assertThat(reads).hasValue(4);
    }

    @Test
    void anUndecodableFileLeavesOutItsPartitionOnlyAndIsReportedWhileTheStrictLoadFailsNamingIt() {
        batch(store, codec, List.of(release("a", 1, "A")));
        batch(store, codec, List.of(release("b", RSS_DAY, at("2025-01-15T01:00:00Z"), "“B” – Åsa Lindqvist")));
        batch(store, codec, List.of(release("c", new Partition(GMAIL, DAY.plusDays(1)), null, "C")));
        ObjectKey broken = GMAIL_DAY.prefix().key("part-broken.parquet");
        store.createIfAbsent(broken, "garbage".getBytes(StandardCharsets.UTF_8));

        Loaded loaded = load.loadReadable(DAY, DAY.plusDays(1), Option.none());

        assertThat(loaded.releases()).extracting(r -> r.id().value()).containsExactly("b", "c");
        assertThat(loaded.isComplete()).isFalse();
        assertThat(loaded.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.file()).isEqualTo(broken);
            assertThat(u.partition()).isEqualTo(GMAIL_DAY);
            assertThat(u.describe()).contains(broken.value(), "cannot decode", "left out");
        });
        assertThatThrownBy(() -> load.load(DAY, DAY, Option.none()))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining(broken.value())
                .hasMessageContaining("cannot decode");
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndTheOtherPartitionsAreReturned() {
        batch(store, codec, List.of(release("a", 1, "A")));
        ObjectKey rss = batch(store, codec, List.of(release("b", RSS_DAY, null, "B")));
        LoadPressReleases failingRss = new LoadPressReleases(
                new InterceptingObjectStore(
                        store,
                        InterceptingObjectStore.failing(
                                c -> c.op() == Op.READ && c.isAbout(rss), InterceptingObjectStore::ioFailure)),
                codec);

        Loaded loaded = failingRss.loadReadable(DAY, DAY, Option.none());

        assertThat(loaded.releases()).extracting(r -> r.id().value()).containsExactly("a");
        assertThat(loaded.unreadable())
                .singleElement()
                .satisfies(u -> assertThat(u.describe()).contains(rss.value(), "injected I/O failure"));
    }

    @Test
    void onlyRowsWhoseOwnSourceAndDateAreThePartitionsAreReturnedAndTheFileIsReported() {
        Partition rssDayBefore = new Partition(RSS, DAY.minusDays(1));
        PressRelease own = release("a", 1, "“Gmail” – Jämtland");
        PressRelease otherSource = release("x", RSS_DAY, at("2025-01-15T09:00:00Z"), "rss in gmail's folder");
        PressRelease otherDate = release("y", new Partition(GMAIL, DAY.minusDays(1)), null, "gmail of the 14th");
        PressRelease hidingOwn = release("a", rssDayBefore, at("2025-01-15T23:00:00Z"), "a newer a of another source");
        ObjectKey legacyKey = put(
                store,
                codec,
                GMAIL_DAY.prefix().key("part-00000.parquet"),
                List.of(own, otherSource, otherDate, hidingOwn));

        Loaded loaded = load.loadReadable(DAY.minusDays(1), DAY, Option.of(Set.of(GMAIL)));

        assertThat(loaded.releases()).containsExactly(own);
        assertThat(loaded.isComplete()).isTrue();
        assertThat(loaded.misplaced()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo(legacyKey);
            assertThat(m.rows()).isEqualTo(3);
            assertThat(m.describe()).contains(legacyKey.value(), "3 rows", "not returned");
        });
        assertThat(load.load(DAY.minusDays(1), DAY, Option.none()))
                .as("whatever the sources asked")
                .containsExactly(own);
    }

    /**
     * The documented rule for corrected release dates: the answer is the newest version among the partitions of
     * the range, so a range without the corrected date still returns the version of the old date.
     */
    @Test
    void anIdWhoseReleaseDateWasCorrectedIsAnsweredByTheNewestVersionWithinTheRangeAsked() {
        Partition corrected = new Partition(GMAIL, DAY.plusDays(1));
        PressRelease first = release("a", 1, "“A” dated the 15th");
        PressRelease moved = release("a", corrected, at("2025-01-16T08:00:00Z"), "“A” corrected to the 16th");
        batch(store, codec, List.of(first));
        batch(store, codec, List.of(moved));

        assertThat(load.load(DAY, DAY, Option.none())).containsExactly(first);
        assertThat(load.load(DAY, DAY.plusDays(1), Option.none())).containsExactly(moved);
        assertThat(load.load(DAY.plusDays(1), DAY.plusDays(1), Option.none())).containsExactly(moved);
    }

    @Test
    void aStoreFailureIsAnErrorNamingTheStore() {
        LoadPressReleases broken = new LoadPressReleases(
                new InterceptingObjectStore(
                        store, InterceptingObjectStore.failing(c -> true, InterceptingObjectStore::ioFailure)),
                codec);
        assertThatThrownBy(() -> broken.load(DAY, DAY, Option.none()))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("injected I/O failure");
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> load.load(DAY, DAY.minusDays(1), Option.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
