package io.feedstore.domain.consolidation;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.store.StorageCalls;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The statistics of consolidating one partition, as the summary prints them. {@code batchFiles} counts batch
 * files, {@code legacyFiles} other Parquet files, {@code hadConsolidated} whether a consolidated file was an input,
 * {@code storageCalls} what the partition cost in store calls. Built through the factories, one per way a
 * consolidation ends.
 */
public record PartitionReport(
        Partition partition,
        PartitionStatus status,
        int batchFiles,
        int legacyFiles,
        boolean hadConsolidated,
        int inputRows,
        int duplicatesRemoved,
        int finalRows,
        long bytesBefore,
        long bytesAfter,
        boolean anomaly,
        Option<String> detail,
        StorageCalls storageCalls) {

    public PartitionReport {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(storageCalls, "storageCalls");
    }

    /** What reading every input found: rows read, distinct ids kept, and the inputs' bytes. */
    public record Merged(long inputRows, int finalRows, long bytesBefore) {
        public Merged {
            if (inputRows < finalRows || finalRows < 0 || bytesBefore < 0) {
                throw new IllegalArgumentException("merged figures are inconsistent: " + inputRows + " rows in, "
                        + finalRows + " out, " + bytesBefore + " bytes");
            }
        }
    }

    public PartitionReport withStorageCalls(StorageCalls calls) {
        return new PartitionReport(
                partition,
                status,
                batchFiles,
                legacyFiles,
                hadConsolidated,
                inputRows,
                duplicatesRemoved,
                finalRows,
                bytesBefore,
                bytesAfter,
                anomaly,
                detail,
                calls);
    }

    /** The partition could not even be listed. */
    public static PartitionReport failed(Partition partition, String detail) {
        return early(partition, PartitionStatus.FAILED, null, detail);
    }

    /** Only a consolidated file, or no data file at all: nothing is read or rewritten. */
    public static PartitionReport nothingToDo(ConsolidationPlan plan) {
        boolean hadConsolidated = plan.consolidated().isDefined();
        return new PartitionReport(
                plan.partition(),
                PartitionStatus.UNCHANGED,
                0,
                0,
                hadConsolidated,
                0,
                0,
                0,
                plan.bytes(),
                plan.bytes(),
                false,
                Option.of(
                        hadConsolidated
                                ? "nothing to merge: only "
                                        + plan.partition().consolidatedKey().name()
                                : "nothing to merge: the partition holds no data file"),
                StorageCalls.NONE);
    }

    /** A partition that ended before any rows were read ({@code plan} is null when there was no listing). */
    public static PartitionReport early(
            Partition partition, PartitionStatus status, ConsolidationPlan plan, String detail) {
        return new PartitionReport(
                partition,
                status,
                plan == null ? 0 : plan.count(PartitionFile.Kind.BATCH),
                plan == null ? 0 : plan.count(PartitionFile.Kind.LEGACY),
                plan != null && plan.consolidated().isDefined(),
                0,
                0,
                0,
                plan == null ? 0 : plan.bytes(),
                0,
                false,
                Option.of(detail),
                StorageCalls.NONE);
    }

    /** Merged, written, verified, and the merged inputs deleted (or rightly left alone, as {@code detail} says). */
    public static PartitionReport succeeded(
            ConsolidationPlan plan, Merged merged, long bytesAfter, AnomalyRule rule, Option<String> detail) {
        return afterMerge(PartitionStatus.CONSOLIDATED, plan, merged, bytesAfter, rule, detail);
    }

    /** A dry run: what would be written, nothing changed. */
    public static PartitionReport planned(
            ConsolidationPlan plan, Merged merged, long bytesAfter, AnomalyRule rule, String detail) {
        return afterMerge(PartitionStatus.PLANNED, plan, merged, bytesAfter, rule, Option.of(detail));
    }

    /** Another run changed the partition after its inputs were read; nothing was deleted. */
    public static PartitionReport conflict(ConsolidationPlan plan, Merged merged, String detail) {
        return afterMerge(PartitionStatus.CONFLICT, plan, merged, 0, AnomalyRule.DEFAULT, Option.of(detail));
    }

    /** Something failed after the inputs were read; nothing was deleted. */
    public static PartitionReport failed(ConsolidationPlan plan, Merged merged, String detail) {
        return afterMerge(PartitionStatus.FAILED, plan, merged, 0, AnomalyRule.DEFAULT, Option.of(detail));
    }

    /** Conflict or failure after the inputs were read, as a {@link StoreOutcomes} rule decided. */
    public static PartitionReport stopped(
            PartitionStatus status, ConsolidationPlan plan, Merged merged, String detail) {
        if (!status.isFailure()) {
            throw new IllegalArgumentException("a stopped consolidation is a conflict or a failure, not " + status);
        }
        return afterMerge(status, plan, merged, 0, AnomalyRule.DEFAULT, Option.of(detail));
    }

    /** The consolidated file is written and verified, but some merged inputs could not be deleted. */
    public static PartitionReport notCleanedUp(ConsolidationPlan plan, Merged merged, long bytesAfter, String detail) {
        return afterMerge(PartitionStatus.FAILED, plan, merged, bytesAfter, AnomalyRule.DEFAULT, Option.of(detail));
    }

    private static PartitionReport afterMerge(
            PartitionStatus status,
            ConsolidationPlan plan,
            Merged merged,
            long bytesAfter,
            AnomalyRule rule,
            Option<String> detail) {
        int inputRows = Math.toIntExact(merged.inputRows());
        return new PartitionReport(
                plan.partition(),
                status,
                plan.count(PartitionFile.Kind.BATCH),
                plan.count(PartitionFile.Kind.LEGACY),
                plan.consolidated().isDefined(),
                inputRows,
                inputRows - merged.finalRows(),
                merged.finalRows(),
                merged.bytesBefore(),
                bytesAfter,
                rule.isAnomalous(status, merged.finalRows()),
                detail,
                StorageCalls.NONE);
    }
}
