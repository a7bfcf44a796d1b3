package io.feedstore.domain.consolidation;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.CheckedRow;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import java.time.LocalDate;

/**
 * A partition holds only rows of its own source and release date. A file there holding others (a misplaced legacy
 * file) is refused whole: merging it would make {@code load} return the rows under the wrong partition.
 */
public final class PartitionMembership {

    private PartitionMembership() {}

    public static boolean belongs(PressRelease row, Partition partition) {
        return belongs(row.source(), row.releaseDate(), partition);
    }

    public static boolean belongs(CheckedRow row, Partition partition) {
        return belongs(row.source(), row.releaseDate(), partition);
    }

    /** The rule {@code row} breaks, for a row that does not {@link #belongs belong}. */
    public static String misplaced(PressRelease row, Partition partition) {
        return misplaced(row.id(), row.source(), row.releaseDate(), partition);
    }

    /** The rule {@code row} breaks, for a row that does not {@link #belongs belong}. */
    public static String misplaced(CheckedRow row, Partition partition) {
        return misplaced(row.id(), row.source(), row.releaseDate(), partition);
    }

    private static boolean belongs(Source source, LocalDate releaseDate, Partition partition) {
        return source.equals(partition.source()) && releaseDate.equals(partition.releaseDate());
    }

    private static String misplaced(PressReleaseId id, Source source, LocalDate releaseDate, Partition partition) {
        return "row " + id.value() + " of source " + source.value() + " / release_date "
                + WireRecord.formatDate(releaseDate) + " does not belong to partition "
                + partition.source().value() + " " + WireRecord.formatDate(partition.releaseDate());
    }
}
