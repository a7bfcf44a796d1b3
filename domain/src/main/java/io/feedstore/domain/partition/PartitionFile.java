package io.feedstore.domain.partition;

import io.feedstore.domain.store.ObjectInfo;
import java.util.Objects;

/** A file found in a partition, classified by its name. */
public record PartitionFile(ObjectInfo object, Kind kind) {

    /** What a file in a partition is; only {@link #isData() data} files are read and merged. */
    public enum Kind {
        /** Written by the batch writer. */
        BATCH,
        /** The partition's consolidated file. */
        CONSOLIDATED,
        /** Any other Parquet file, such as the one-row files of the older pipeline. */
        LEGACY,
        /** Not Parquet (a marker, a stray upload): never read, never deleted. */
        OTHER
    }

    public PartitionFile {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(kind, "kind");
    }

    public static PartitionFile classify(ObjectInfo object) {
        String name = object.key().name();
        Kind kind;
        if (name.equals(StoreLayout.CONSOLIDATED_NAME)) {
            kind = Kind.CONSOLIDATED;
        } else if (!name.endsWith(".parquet")) {
            kind = Kind.OTHER;
        } else if (BatchName.parse(name).isDefined()) {
            kind = Kind.BATCH;
        } else {
            kind = Kind.LEGACY;
        }
        return new PartitionFile(object, kind);
    }

    public boolean isData() {
        return kind != Kind.OTHER;
    }
}
