package io.feedstore.domain.consolidation;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;

/**
 * A partition holds only rows of its own source and release date. A file there holding others (a misplaced legacy
 * file) is refused whole: merging it would make {@code load} return the rows under the wrong partition.
 */
public final class PartitionMembership {

    private PartitionMembership() {}

    public static boolean belongs(PressRelease row, Partition partition) {
        return row.source().equals(partition.source()) && row.releaseDate().equals(partition.releaseDate());
    }

    /** The rule {@code row} breaks, for a row that does not {@link #belongs belong}. */
    public static String misplaced(PressRelease row, Partition partition) {
        return "row " + row.id().value() + " of source " + row.source().value() + " / release_date "
                + WireRecord.formatDate(row.releaseDate()) + " does not belong to partition "
                + partition.source().value() + " " + WireRecord.formatDate(partition.releaseDate());
    }
}
