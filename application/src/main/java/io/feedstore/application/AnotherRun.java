package io.feedstore.application;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether another run changed a partition under this one: an object this run saw no longer has the generation it
 * saw. Asked only after a read or write failed, so it costs one listing on the failure path and nothing otherwise.
 */
final class AnotherRun {

    private final ObjectStore store;

    AnotherRun(ObjectStore store) {
        this.store = store;
    }

    /** True when the listing shows any of {@code seen} gone or at another generation; false when it cannot be listed. */
    boolean changed(Partition partition, Map<ObjectKey, Generation> seen) {
        Either<StoreFailure, List<ObjectInfo>> listing = store.list(partition.prefix());
        if (listing.isLeft()) {
            return false;
        }
        Map<ObjectKey, Generation> live = new HashMap<>();
        listing.get().forEach(info -> live.put(info.key(), info.generation()));
        return seen.entrySet().stream().anyMatch(entry -> !entry.getValue().equals(live.get(entry.getKey())));
    }
}
