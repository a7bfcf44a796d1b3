package io.feedstore.application;

import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.ConsolidationStage;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.SpillSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Use case: merges each partition's batch files, legacy files and existing consolidated file into one
 * deduplicated {@code consolidated.parquet}, then deletes the merged inputs.
 *
 * <p>Why no record is ever lost, whatever step fails or whoever runs at the same time:
 * <ul>
 *   <li>the existing consolidated file is itself an input, and it is only ever replaced by a compare-and-swap on
 *       the generation that was read, so every version of it holds (as newest per id) everything the version
 *       before held: the consolidated file only ever grows;</li>
 *   <li>an input is deleted only after the consolidated file as stored was read back and proved to hold exactly
 *       the merged rows, and only if the input still has the generation whose content was merged;</li>
 *   <li>anything that appears after the listing is not an input and is left for the next run.</li>
 * </ul>
 * Re-running is therefore always safe: a crash at any point leaves rows at worst stored twice, and the next run
 * merges them again.
 */
public final class ConsolidatePartitions {

    private static final int MAX_BUCKET_IDS = 10_000;

    private final ObjectStore store;
    private final RecordCodec codec;
    private final SpillSpace spill;
    private final ConsolidationSettings settings;
    /** Written rows' digests, taken as they are written and as they are read back. */
    private final RowHash hash;
    /** Tied ids settled in memory at once (see {@link TieSpill}). */
    private final int bucketIds;

    /**
     * Tied ids that do not fit in memory go to {@code spill}; written rows are checked with the domain's SHA-256
     * {@link RowHash}.
     */
    public ConsolidatePartitions(
            ObjectStore store, RecordCodec codec, SpillSpace spill, ConsolidationSettings settings) {
        this(store, codec, spill, settings, RowHash.SHA_256);
    }

    /** Written rows are checked with {@code hash}: production passes a faster one than SHA-256. */
    public ConsolidatePartitions(
            ObjectStore store, RecordCodec codec, SpillSpace spill, ConsolidationSettings settings, RowHash hash) {
        this(store, codec, spill, settings, hash, MAX_BUCKET_IDS);
    }

    /** With {@code bucketIds} tied ids settled in memory at a time; tests make it small to exercise the spill. */
    ConsolidatePartitions(
            ObjectStore store,
            RecordCodec codec,
            SpillSpace spill,
            ConsolidationSettings settings,
            RowHash hash,
            int bucketIds) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.spill = Objects.requireNonNull(spill, "spill");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hash = Objects.requireNonNull(hash, "hash");
        if (bucketIds < 1) {
            throw new IllegalArgumentException("bucketIds must be at least 1, was " + bucketIds);
        }
        this.bucketIds = bucketIds;
    }

    /** Consolidates each partition in turn; one partition's failure, even an unexpected exception, never stops the rest. */
    public List<PartitionReport> consolidate(List<Partition> partitions, RunMode mode) {
        Objects.requireNonNull(partitions, "partitions");
        List<PartitionReport> reports = new ArrayList<>(partitions.size());
        for (Partition partition : partitions) {
            reports.add(consolidate(partition, mode));
        }
        return List.copyOf(reports);
    }

    /** Consolidates one partition. An unexpected exception becomes a {@link PartitionStatus#FAILED} report. */
    public PartitionReport consolidate(Partition partition, RunMode mode) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(mode, "mode");
        CountingObjectStore counted = new CountingObjectStore(store);
        Progress progress = new Progress();
        PartitionReport report;
        try {
            report = consolidate(partition, mode, counted, progress);
        } catch (RuntimeException e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            report = PartitionReport.early(
                    partition,
                    PartitionStatus.FAILED,
                    progress.plan,
                    "unexpected error (" + what + "); " + progress.stage.leftBehind(partition));
        }
        return report.withStorageCalls(counted.calls());
    }

    private PartitionReport consolidate(Partition partition, RunMode mode, ObjectStore store, Progress progress) {
        PlanConsolidation.Planned planned = new PlanConsolidation(store).plan(partition);
        if (planned instanceof PlanConsolidation.Stopped stopped) {
            return stopped.report();
        }
        ConsolidationPlan plan = ((PlanConsolidation.ToMerge) planned).plan();
        progress.plan = plan;
        try (OpenedInputs inputs = new OpenedInputs();
                Workers workers = new Workers(settings.threads())) {
            PickWinners.Picked picked = new PickWinners(store, codec, workers).pick(plan, inputs);
            if (picked instanceof PickWinners.Stopped stopped) {
                return stopped.report();
            }
            Merge merge = (Merge) picked;
            WriteWinners writing = new WriteWinners(store, codec, workers, spill, bucketIds, hash);
            if (mode == RunMode.DRY_RUN) {
                return writing.plan(merge, settings.anomalyRule());
            }

            progress.stage = ConsolidationStage.WRITING;
            WriteWinners.Written written = writing.publish(merge);
            if (written instanceof WriteWinners.Stopped stopped) {
                return stopped.report();
            }
            VerifyConsolidated.Verified verified = new VerifyConsolidated(store, codec, hash)
                    .verify(merge, ((WriteWinners.Published) written).generation());
            if (verified instanceof VerifyConsolidated.Stopped stopped) {
                return stopped.report();
            }

            progress.stage = ConsolidationStage.DELETING;
            return new DeleteMerged(store)
                    .delete(merge, ((VerifyConsolidated.Holds) verified).bytes(), settings.anomalyRule());
        }
    }

    /** How far one partition got, so that an unexpected exception can say what it left behind. */
    private static final class Progress {
        private ConsolidationStage stage = ConsolidationStage.PLANNING;
        private ConsolidationPlan plan;
    }
}
