package io.feedstore.application;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.ObjectKey;
import java.util.List;
import java.util.Objects;

/**
 * What a load could read: the press releases of every readable partition, the files that could not be read (their
 * partitions are left out whole), and the files that held rows of another partition (those rows are left out).
 */
public record Loaded(List<PressRelease> releases, List<Unreadable> unreadable, List<Misplaced> misplaced) {

    public Loaded {
        releases = List.copyOf(Objects.requireNonNull(releases, "releases"));
        unreadable = List.copyOf(Objects.requireNonNull(unreadable, "unreadable"));
        misplaced = List.copyOf(Objects.requireNonNull(misplaced, "misplaced"));
    }

    /** True when every partition of the range was read: the answer is whole. */
    public boolean isComplete() {
        return unreadable.isEmpty();
    }

    /**
     * A file that could not be read or decoded; its partition is left out of the answer whole, since the file
     * may hold the newest version of an id that another file of the partition holds in an older one.
     */
    public record Unreadable(Partition partition, ObjectKey file, String reason) {

        public Unreadable {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }

        /** One line: which file, why, and what the answer lacks. */
        public String describe() {
            return "cannot read " + file.value() + ": " + reason + "; partition " + partition
                    + " is left out of the answer";
        }
    }

    /** A file in a partition's folder holding {@code rows} rows whose own source or release date differ from it. */
    public record Misplaced(Partition partition, ObjectKey file, long rows) {

        public Misplaced {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(file, "file");
            if (rows < 1) {
                throw new IllegalArgumentException("a misplaced file has at least one misplaced row, not " + rows);
            }
        }

        public String describe() {
            return file.value() + " holds " + rows + (rows == 1 ? " row" : " rows") + " whose source or release_date"
                    + " is not its partition's (" + partition + "); they are not returned";
        }
    }
}
