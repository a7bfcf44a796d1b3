package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StorageCalls;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolidationRulesTest {

    private static final Partition RSS_15 = new Partition(Source.of("rss"), LocalDate.of(2025, 1, 15));

    @Test
    void fewerRowsThanTheMinimumIsAnAnomaly() {
        assertThat(AnomalyRule.DEFAULT.minRows()).isEqualTo(50);
        assertThat(AnomalyRule.DEFAULT.isAnomalous(49)).isTrue();
        assertThat(AnomalyRule.DEFAULT.isAnomalous(0)).isTrue();
        assertThat(AnomalyRule.DEFAULT.isAnomalous(50)).isFalse();
        assertThat(AnomalyRule.DEFAULT.isAnomalous(10_000)).isFalse();
    }

    @Test
    void aMinimumOfZeroNeverWarns() {
        assertThat(new AnomalyRule(0).isAnomalous(0)).isFalse();
        assertThat(new AnomalyRule(1).isAnomalous(0)).isTrue();
    }

    @Test
    void aNegativeMinimumIsAConfigurationErrorNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AnomalyRule(-1))
                .withMessageContaining("CONSOLIDATION_MIN_ROWS")
                .withMessageContaining("-1");
    }

    @Test
    void onlyConflictsAndFailuresAreFailures() {
        assertThat(List.of(PartitionStatus.values()).stream().filter(PartitionStatus::isFailure))
                .containsExactlyInAnyOrder(PartitionStatus.CONFLICT, PartitionStatus.FAILED);
    }

    @Test
    void anEarlyReportCarriesThePlansFiguresAndNoRows() {
        ConsolidationPlan plan = ConsolidationPlan.of(
                RSS_15,
                List.of(
                        new ObjectInfo(
                                RSS_15.prefix().key("batch_0001_20250115_103000_abc123xyz0.parquet"),
                                Generation.of(1),
                                10),
                        new ObjectInfo(RSS_15.prefix().key("pr-1.parquet"), Generation.of(1), 20),
                        new ObjectInfo(RSS_15.consolidatedKey(), Generation.of(1), 300)));

        PartitionReport report =
                PartitionReport.early(RSS_15, PartitionStatus.FAILED, plan, "cannot decode pr-1.parquet");

        assertThat(report.batchFiles()).isEqualTo(1);
        assertThat(report.legacyFiles()).isEqualTo(1);
        assertThat(report.hadConsolidated()).isTrue();
        assertThat(report.bytesBefore()).isEqualTo(330);
        assertThat(report.inputRows()).isZero();
        assertThat(report.finalRows()).isZero();
        assertThat(report.anomaly()).isFalse();
        assertThat(report.detail()).containsExactly("cannot decode pr-1.parquet");
    }

    @Test
    void anEarlyReportWithoutAPlanHasNoFigures() {
        PartitionReport report = PartitionReport.early(RSS_15, PartitionStatus.FAILED, null, "listing failed");

        assertThat(report.batchFiles()).isZero();
        assertThat(report.hadConsolidated()).isFalse();
        assertThat(report.bytesBefore()).isZero();
        assertThat(report.status().isFailure()).isTrue();
    }

    @Test
    void aReportNeedsAPartitionAStatusAndADetailOption() {
        assertThatNullPointerException()
                .isThrownBy(() -> new PartitionReport(
                        null,
                        PartitionStatus.CONSOLIDATED,
                        0,
                        0,
                        false,
                        0,
                        0,
                        0,
                        0,
                        0,
                        false,
                        Option.none(),
                        StorageCalls.NONE));
        assertThatNullPointerException()
                .isThrownBy(() -> new PartitionReport(
                        RSS_15, null, 0, 0, false, 0, 0, 0, 0, 0, false, Option.none(), StorageCalls.NONE));
        assertThatNullPointerException()
                .isThrownBy(() -> new PartitionReport(
                        RSS_15,
                        PartitionStatus.CONSOLIDATED,
                        0,
                        0,
                        false,
                        0,
                        0,
                        0,
                        0,
                        0,
                        false,
                        null,
                        StorageCalls.NONE));
    }

    @Test
    void aLostRaceIsAConflictAndOnlyAnUnreachableStoreIsAFailure() {
        ObjectKey key = RSS_15.consolidatedKey();
        StoreFailure lost = new StoreFailure.PreconditionFailed(key, "generation 3 is not 2");
        StoreFailure gone = new StoreFailure.NotFound(key);
        StoreFailure down =
                new StoreFailure.IoFailure("gs://bucket/" + key, "503 – “Service Unavailable”", Option.none());

        assertThat(StoreOutcomes.ofOpeningAnInput(gone)).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(StoreOutcomes.ofOpeningAnInput(down)).isEqualTo(PartitionStatus.FAILED);
        assertThat(StoreOutcomes.ofPublishing(lost)).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(StoreOutcomes.ofPublishing(down)).isEqualTo(PartitionStatus.FAILED);
        assertThat(StoreOutcomes.ofReadingBack(lost)).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(StoreOutcomes.ofReadingBack(gone)).isEqualTo(PartitionStatus.CONFLICT);
        assertThat(StoreOutcomes.ofReadingBack(down)).isEqualTo(PartitionStatus.FAILED);
        assertThat(StoreOutcomes.deleteFails(lost)).isFalse();
        assertThat(StoreOutcomes.deleteFails(gone)).isFalse();
        assertThat(StoreOutcomes.deleteFails(down)).isTrue();
    }

    @Test
    void onlyAConsolidationThatWentThroughCountsAsAnAnomaly() {
        for (PartitionStatus status : PartitionStatus.values()) {
            boolean counts = status == PartitionStatus.CONSOLIDATED || status == PartitionStatus.PLANNED;
            assertThat(AnomalyRule.DEFAULT.isAnomalous(status, 3))
                    .as(status.name())
                    .isEqualTo(counts);
            assertThat(AnomalyRule.DEFAULT.isAnomalous(status, 50))
                    .as(status.name())
                    .isFalse();
        }
    }

    @Test
    void everyStageLeavesEveryRowStoredAndSaysSo() {
        assertThat(ConsolidationStage.PLANNING.leftBehind(RSS_15)).isEqualTo("nothing was changed");
        assertThat(ConsolidationStage.WRITING.leftBehind(RSS_15)).contains("nothing was deleted");
        assertThat(ConsolidationStage.DELETING.leftBehind(RSS_15))
                .contains("consolidated.parquet is written and verified");
    }

    @Test
    void aRowBelongsOnlyToThePartitionOfItsOwnSourceAndReleaseDate() {
        PressRelease rss = PressRelease.builder(PressReleaseId.of("Ærø-1"), Source.of("rss"), LocalDate.of(2025, 1, 15))
                .title("Ærø Færgeri – “Ny rute” 🚢")
                .build();
        Partition gmail15 = new Partition(Source.of("gmail"), LocalDate.of(2025, 1, 15));
        Partition rss14 = new Partition(Source.of("rss"), LocalDate.of(2025, 1, 14));

        assertThat(PartitionMembership.belongs(rss, RSS_15)).isTrue();
        assertThat(PartitionMembership.belongs(rss, gmail15)).isFalse();
        assertThat(PartitionMembership.belongs(rss, rss14)).isFalse();
        assertThat(PartitionMembership.misplaced(rss, rss14))
                .isEqualTo(
                        "row Ærø-1 of source rss / release_date 2025-01-15 does not belong to partition rss 2025-01-14");
    }

    @Test
    void aReportAfterTheMergeCarriesItsFiguresAndOnlyASuccessCanBeAnAnomaly() {
        ConsolidationPlan plan = ConsolidationPlan.of(
                RSS_15,
                List.of(
                        new ObjectInfo(
                                RSS_15.prefix().key("batch_0001_20250115_103000_abc123xyz0.parquet"),
                                Generation.of(1),
                                10),
                        new ObjectInfo(RSS_15.prefix().key("pr-1.parquet"), Generation.of(1), 20)));
        PartitionReport.Merged merged = new PartitionReport.Merged(7, 5, 30);

        PartitionReport succeeded = PartitionReport.succeeded(plan, merged, 25, AnomalyRule.DEFAULT, Option.none());
        PartitionReport conflict = PartitionReport.conflict(plan, merged, "lost the race");

        assertThat(succeeded.status()).isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(succeeded.batchFiles()).isEqualTo(1);
        assertThat(succeeded.legacyFiles()).isEqualTo(1);
        assertThat(succeeded.inputRows()).isEqualTo(7);
        assertThat(succeeded.duplicatesRemoved()).isEqualTo(2);
        assertThat(succeeded.finalRows()).isEqualTo(5);
        assertThat(succeeded.bytesBefore()).isEqualTo(30);
        assertThat(succeeded.bytesAfter()).isEqualTo(25);
        assertThat(succeeded.anomaly()).isTrue();
        assertThat(conflict.anomaly()).isFalse();
        assertThat(conflict.bytesAfter()).isZero();
        assertThat(PartitionReport.nothingToDo(ConsolidationPlan.of(RSS_15, List.of()))
                        .status())
                .isEqualTo(PartitionStatus.UNCHANGED);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PartitionReport.stopped(PartitionStatus.CONSOLIDATED, plan, merged, "not a stop"));
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionReport.Merged(3, 5, 0));
    }
}
