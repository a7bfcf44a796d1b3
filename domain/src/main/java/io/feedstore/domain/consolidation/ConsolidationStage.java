package io.feedstore.domain.consolidation;

import io.feedstore.domain.partition.Partition;

/**
 * How far a consolidation got, and what a stop at that point leaves behind. Every stage leaves every row stored:
 * inputs are only deleted after the consolidated file was verified.
 */
public enum ConsolidationStage {
    /** Listing, opening and reading the inputs: the store is untouched. */
    PLANNING,
    /** Writing the consolidated file and reading it back: the inputs are all still there. */
    WRITING,
    /** Deleting the merged inputs: the consolidated file is verified, some inputs may remain. */
    DELETING;

    /** What the store holds if the consolidation of {@code partition} stops in this stage. */
    public String leftBehind(Partition partition) {
        return switch (this) {
            case PLANNING -> "nothing was changed";
            case WRITING -> "nothing was deleted; the next run merges everything again";
            case DELETING ->
                partition.consolidatedKey().name() + " is written and verified; the leftover"
                        + " inputs will be merged again next run";
        };
    }
}
