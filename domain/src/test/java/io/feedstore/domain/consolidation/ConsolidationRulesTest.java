package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectInfo;
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
        assertThatIllegalArgumentException().isThrownBy(() -> new AnomalyRule(-1))
                .withMessageContaining("CONSOLIDATION_MIN_ROWS").withMessageContaining("-1");
    }

    @Test
    void onlyConflictsAndFailuresAreFailures() {
        assertThat(List.of(PartitionStatus.values()).stream().filter(PartitionStatus::isFailure))
                .containsExactlyInAnyOrder(PartitionStatus.CONFLICT, PartitionStatus.FAILED);
    }

    @Test
    void anEarlyReportCarriesThePlansFiguresAndNoRows() {
        ConsolidationPlan plan = ConsolidationPlan.of(RSS_15, List.of(
                new ObjectInfo(RSS_15.prefix().key("batch_0001_20250115_103000_abc123xyz0.parquet"), Generation.of(1), 10),
                new ObjectInfo(RSS_15.prefix().key("pr-1.parquet"), Generation.of(1), 20),
                new ObjectInfo(RSS_15.consolidatedKey(), Generation.of(1), 300)));

        PartitionReport report = PartitionReport.early(RSS_15, PartitionStatus.FAILED, plan, "cannot decode pr-1.parquet");

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
        assertThatNullPointerException().isThrownBy(() -> new PartitionReport(null, PartitionStatus.CONSOLIDATED,
                0, 0, false, 0, 0, 0, 0, 0, false, Option.none()));
        assertThatNullPointerException().isThrownBy(() -> new PartitionReport(RSS_15, null,
                0, 0, false, 0, 0, 0, 0, 0, false, Option.none()));
        assertThatNullPointerException().isThrownBy(() -> new PartitionReport(RSS_15, PartitionStatus.CONSOLIDATED,
                0, 0, false, 0, 0, 0, 0, 0, false, null));
    }
}
