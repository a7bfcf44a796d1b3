package io.feedstore.application;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a load could read: the press releases of every readable partition, the files that could not be read (their
 * partitions are left out whole), and the files that held rows of another partition (those rows are left out).
 */
public record Loaded(
        List<PressRelease> releases,
        List<Unreadable> unreadable,
        List<Misplaced> misplaced,
        List<UnreadableFlatFile> unreadableFlat,
        List<Unplaceable> unplaceable) {

    public Loaded {
        releases = List.copyOf(Objects.requireNonNull(releases, "releases"));
        unreadable = List.copyOf(Objects.requireNonNull(unreadable, "unreadable"));
        misplaced = List.copyOf(Objects.requireNonNull(misplaced, "misplaced"));
        unreadableFlat = List.copyOf(Objects.requireNonNull(unreadableFlat, "unreadableFlat"));
        unplaceable = List.copyOf(Objects.requireNonNull(unplaceable, "unplaceable"));
    }

    /** A store without flat folders. */
    public Loaded(List<PressRelease> releases, List<Unreadable> unreadable, List<Misplaced> misplaced) {
        this(releases, unreadable, misplaced, List.of(), List.of());
    }

    /** True when every partition and flat file of the range was read: the answer is whole. */
    public boolean isComplete() {
        return unreadable.isEmpty() && unreadableFlat.isEmpty();
    }

    /** Every reason the answer is not whole, one line each. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        unreadable.forEach(u -> problems.add(u.describe()));
        unreadableFlat.forEach(u -> problems.add(u.describe()));
        return List.copyOf(problems);
    }

    /** A file of a flat folder that could not be read or decoded: its rows are missing from the answer. */
    public record UnreadableFlatFile(ObjectKey file, String reason) {

        public UnreadableFlatFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }

        public String describe() {
            return "cannot read " + file.value() + ": " + reason + "; its rows are missing from the answer";
        }
    }

    /** A file of a flat folder holding {@code rows} rows that belong to no partition (no valid source). */
    public record Unplaceable(ObjectKey file, long rows, String reason) {

        public Unplaceable {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
            if (rows < 1) {
                throw new IllegalArgumentException("an unplaceable file has at least one such row, not " + rows);
            }
        }

        public String describe() {
            return file.value() + " holds " + rows + (rows == 1 ? " row" : " rows") + " that cannot be placed in a"
                    + " partition (" + reason + "); they are not returned, the rest of the file is";
        }
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
