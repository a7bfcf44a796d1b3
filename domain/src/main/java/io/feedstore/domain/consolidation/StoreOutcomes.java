package io.feedstore.domain.consolidation;

import io.feedstore.domain.store.StoreFailure;

/**
 * Which store failure during a consolidation is a {@link PartitionStatus#CONFLICT} (another run got there first:
 * nothing is wrong, re-running later is safe) and which a {@link PartitionStatus#FAILED} (the store could not do
 * it).
 */
public final class StoreOutcomes {

    private StoreOutcomes() {}

    /** An input listed but gone when opened was merged and removed by another run. */
    public static PartitionStatus ofOpeningAnInput(StoreFailure failure) {
        return failure instanceof StoreFailure.NotFound ? PartitionStatus.CONFLICT : PartitionStatus.FAILED;
    }

    /** The compare-and-swap lost: someone wrote the consolidated file after this run read it. */
    public static PartitionStatus ofPublishing(StoreFailure failure) {
        return failure instanceof StoreFailure.IoFailure ? PartitionStatus.FAILED : PartitionStatus.CONFLICT;
    }

    /** The file just written was replaced or removed by another run before it could be read back. */
    public static PartitionStatus ofReadingBack(StoreFailure failure) {
        return failure instanceof StoreFailure.IoFailure ? PartitionStatus.FAILED : PartitionStatus.CONFLICT;
    }

    /**
     * Whether a delete that did not happen fails the partition. An input replaced after it was read (its new
     * content was not merged) or already gone (another run merged it) is rightly left alone; only an I/O failure
     * is one.
     */
    public static boolean deleteFails(StoreFailure failure) {
        return failure instanceof StoreFailure.IoFailure;
    }

    /**
     * A read or write that failed while another run had meanwhile changed an object this run had seen (a store that
     * keeps no replaced generation, as GCS, fails the ranged reads of a replaced object): a lost race, a
     * {@link PartitionStatus#CONFLICT}, not an outage. Without such a change the failure stands.
     */
    public static PartitionStatus ofFailingWhile(boolean changedByAnotherRun) {
        return changedByAnotherRun ? PartitionStatus.CONFLICT : PartitionStatus.FAILED;
    }
}
