package io.feedstore.application;

import io.feedstore.domain.bronze.RawItem;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of archiving one raw item: how many of its parts this call created (none: it was already archived)
 * and its archive time, which is the {@code ingested_at} of every press release made from it.
 */
public record Archived(RawItem item, int partsCreated, Instant archivedAt) {

    public Archived {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(archivedAt, "archivedAt");
        if (partsCreated < 0 || partsCreated > item.parts().size()) {
            throw new IllegalArgumentException("parts created " + partsCreated + " must be between 0 and "
                    + item.parts().size());
        }
    }

    /** Every part was there before this call; not an error, the item is kept as it was first archived. */
    public boolean alreadyArchived() {
        return partsCreated == 0;
    }
}
