package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.partition.PartitionFile.Kind;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ConsolidationPlanTest {

    private static final Partition RSS_15 = new Partition(Source.of("rss"), LocalDate.of(2025, 1, 15));
    private static final Partition RSS_16 = new Partition(Source.of("rss"), LocalDate.of(2025, 1, 16));
    private static final Partition GMAIL_15 = new Partition(Source.of("gmail"), LocalDate.of(2025, 1, 15));

    private static final String BATCH_1 = "batch_0001_20250115_103000_abc123xyz0.parquet";
    private static final String BATCH_2 = "batch_0002_20250115_103500_abc123xyz0.parquet";

    private static ObjectInfo object(String key, long size) {
        return new ObjectInfo(ObjectKey.of(key), Generation.of(size), size);
    }

    private static ObjectInfo in(Partition partition, String name, long size) {
        return object(partition.prefix().value() + name, size);
    }

    private static List<String> names(List<PartitionFile> files) {
        return files.stream().map(f -> f.object().key().name()).toList();
    }

    @Test
    void theInputsAreEveryParquetFileDirectlyInThePartitionTheConsolidatedOneIncluded() {
        List<ObjectInfo> listing = List.of(
                in(RSS_15, BATCH_1, 100),
                in(RSS_15, BATCH_2, 200),
                in(RSS_15, "consolidated.parquet", 5_000),
                in(RSS_15, "pr-42.parquet", 30),
                in(RSS_15, "_SUCCESS", 0),
                in(RSS_15, "notes.txt", 7),
                in(RSS_15, "nested/" + BATCH_1, 1_000),
                in(RSS_16, BATCH_1, 1_000),
                in(GMAIL_15, "consolidated.parquet", 1_000));

        ConsolidationPlan plan = ConsolidationPlan.of(RSS_15, listing);

        assertThat(names(plan.inputs())).containsExactly(BATCH_1, BATCH_2, "consolidated.parquet", "pr-42.parquet");
        assertThat(plan.consolidated().map(f -> f.object().size())).containsExactly(5_000L);
        assertThat(names(plan.toMerge())).containsExactly(BATCH_1, BATCH_2, "pr-42.parquet");
        assertThat(plan.count(Kind.BATCH)).isEqualTo(2);
        assertThat(plan.count(Kind.LEGACY)).isEqualTo(1);
        assertThat(plan.count(Kind.CONSOLIDATED)).isEqualTo(1);
        assertThat(plan.count(Kind.OTHER)).isZero();
        assertThat(plan.bytes()).isEqualTo(100 + 200 + 5_000 + 30);
        assertThat(plan.nothingToMerge()).isFalse();
    }

    @Test
    void aConsolidatedFileAloneLeavesNothingToMerge() {
        ConsolidationPlan plan = ConsolidationPlan.of(
                RSS_15,
                List.of(in(RSS_15, "consolidated.parquet", 5_000), in(RSS_15, "_SUCCESS", 0), in(RSS_16, BATCH_1, 9)));

        assertThat(plan.nothingToMerge()).isTrue();
        assertThat(plan.toMerge()).isEmpty();
        assertThat(plan.consolidated()).isNotEmpty();
    }

    @Test
    void anEmptyPartitionLeavesNothingToMerge() {
        ConsolidationPlan plan = ConsolidationPlan.of(RSS_15, List.of());

        assertThat(plan.nothingToMerge()).isTrue();
        assertThat(plan.consolidated()).isEmpty();
        assertThat(plan.bytes()).isZero();
    }

    @Test
    void aSingleBatchWithoutConsolidatedFileIsMerged() {
        ConsolidationPlan plan = ConsolidationPlan.of(RSS_15, List.of(in(RSS_15, BATCH_1, 10)));

        assertThat(plan.nothingToMerge()).isFalse();
        assertThat(plan.consolidated()).isEmpty();
        assertThat(names(plan.toMerge())).containsExactly(BATCH_1);
    }

    @Test
    void aPlanCannotHoldFilesOfAnotherPartition() {
        for (ObjectInfo foreign : List.of(
                in(RSS_16, BATCH_1, 1),
                in(GMAIL_15, "consolidated.parquet", 1),
                in(RSS_15, "nested/" + BATCH_1, 1),
                object("elsewhere/" + BATCH_1, 1))) {
            assertThatIllegalArgumentException()
                    .as("%s", foreign.key())
                    .isThrownBy(() -> new ConsolidationPlan(RSS_15, List.of(PartitionFile.classify(foreign))))
                    .withMessageContaining(foreign.key().value())
                    .withMessageContaining("rss/2025-01-15");
        }
    }

    @Test
    void aPlanCannotHoldFilesThatAreNotData() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new ConsolidationPlan(RSS_15, List.of(PartitionFile.classify(in(RSS_15, "notes.txt", 1)))));
    }

    @Test
    void theInputsCannotBeChangedAfterPlanning() {
        List<PartitionFile> files = new ArrayList<>(List.of(PartitionFile.classify(in(RSS_15, BATCH_1, 1))));
        ConsolidationPlan plan = new ConsolidationPlan(RSS_15, files);

        files.clear();

        assertThat(plan.inputs()).hasSize(1);
        assertThatThrownBy(plan.inputs()::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Listings mixing data and other files of the partition, deeper keys, and other partitions' files. */
    private static Gen<List<ObjectInfo>> listings() {
        Gen<String> names = Generate.pick(List.of(
                BATCH_1,
                BATCH_2,
                "consolidated.parquet",
                "pr-1.parquet",
                "part-0.parquet",
                "_SUCCESS",
                "x.json",
                "batch_bad.parquet"));
        Gen<Partition> partitions = Generate.pick(List.of(RSS_15, RSS_16, GMAIL_15));
        Gen<String> depth = Generate.pick(List.of("", "", "", "sub/", "a/b/"));
        Gen<ObjectInfo> entries =
                partitions.zip(depth, names, Generate.range(0, 1_000), (p, d, n, size) -> in(p, d + n, size));
        // A store lists each key once, in key order.
        return lists().of(entries).ofSizeBetween(0, 20).map(l -> {
            TreeSet<ObjectKey> seen = new TreeSet<>();
            return l.stream()
                    .filter(o -> seen.add(o.key()))
                    .sorted((a, b) -> a.key().compareTo(b.key()))
                    .toList();
        });
    }

    @Test
    void noDataFileOfThePartitionIsEverLeftOutAndNothingElseIsTakenIn() {
        qt().withExamples(1_000).forAll(listings()).checkAssert(listing -> {
            ConsolidationPlan plan = ConsolidationPlan.of(RSS_15, listing);
            List<ObjectInfo> expected = listing.stream()
                    .filter(o -> o.key().parent().equals(RSS_15.prefix())
                            && o.key().name().endsWith(".parquet"))
                    .toList();

            assertThat(plan.inputs().stream().map(PartitionFile::object).toList())
                    .isEqualTo(expected);
            assertThat(plan.toMerge().size() + (plan.consolidated().isDefined() ? 1 : 0))
                    .isEqualTo(plan.inputs().size());
            assertThat(plan.nothingToMerge())
                    .isEqualTo(expected.stream().allMatch(o -> o.key().name().equals("consolidated.parquet")));
            assertThat(plan.bytes())
                    .isEqualTo(expected.stream().mapToLong(ObjectInfo::size).sum());
        });
    }
}
