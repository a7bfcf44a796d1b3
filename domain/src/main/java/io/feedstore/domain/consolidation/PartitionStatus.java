package io.feedstore.domain.consolidation;

/** How consolidating one partition ended. */
public enum PartitionStatus {
    /** Merged, written, verified; the merged inputs were deleted. */
    CONSOLIDATED,
    /** Nothing but a consolidated file (or nothing at all): nothing was written. */
    UNCHANGED,
    /** A dry run: read and planned, nothing written or deleted. */
    PLANNED,
    /** Another run changed the partition first; nothing was deleted. Re-running later is safe. */
    CONFLICT,
    /** Something failed; whatever was stored before is still there. */
    FAILED;

    public boolean isFailure() {
        return this == CONFLICT || this == FAILED;
    }
}
