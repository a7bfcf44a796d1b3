package io.feedstore.domain.store;

/** How many calls of each kind a piece of work made to the object store: what a run costs on GCS. */
public record StorageCalls(long lists, long reads, long writes, long deletes) {

    public static final StorageCalls NONE = new StorageCalls(0, 0, 0, 0);

    public StorageCalls {
        if (lists < 0 || reads < 0 || writes < 0 || deletes < 0) {
            throw new IllegalArgumentException("storage call counts must not be negative");
        }
    }

    public StorageCalls plus(StorageCalls other) {
        return new StorageCalls(
                lists + other.lists, reads + other.reads, writes + other.writes, deletes + other.deletes);
    }

    public long total() {
        return lists + reads + writes + deletes;
    }
}
