package io.feedstore.domain.consolidation;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.store.StorageCalls;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The statistics of consolidating one partition, as the summary prints them. {@code batchFiles} counts batch
 * files, {@code legacyFiles} other Parquet files, {@code hadConsolidated} whether a consolidated file was an input,
 * {@code storageCalls} what the partition cost in store calls.
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

    /** A report whose storage calls are counted later, by whoever wraps the store ({@link #withStorageCalls}). */
    public PartitionReport(Partition partition, PartitionStatus status, int batchFiles, int legacyFiles,
                           boolean hadConsolidated, int inputRows, int duplicatesRemoved, int finalRows,
                           long bytesBefore, long bytesAfter, boolean anomaly, Option<String> detail) {
        this(partition, status, batchFiles, legacyFiles, hadConsolidated, inputRows, duplicatesRemoved, finalRows,
                bytesBefore, bytesAfter, anomaly, detail, StorageCalls.NONE);
    }

    public PartitionReport withStorageCalls(StorageCalls calls) {
        return new PartitionReport(partition, status, batchFiles, legacyFiles, hadConsolidated, inputRows,
                duplicatesRemoved, finalRows, bytesBefore, bytesAfter, anomaly, detail, calls);
    }

    /** A partition that ended before any rows were read. */
    public static PartitionReport early(Partition partition, PartitionStatus status, ConsolidationPlan plan, String detail) {
        return new PartitionReport(partition, status,
                plan == null ? 0 : plan.count(io.feedstore.domain.partition.PartitionFile.Kind.BATCH),
                plan == null ? 0 : plan.count(io.feedstore.domain.partition.PartitionFile.Kind.LEGACY),
                plan != null && plan.consolidated().isDefined(),
                0, 0, 0, plan == null ? 0 : plan.bytes(), 0, false, Option.of(detail));
    }
}
