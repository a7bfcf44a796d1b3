package io.feedstore.domain.store;

import io.vavr.control.Either;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that calls a store for many objects: the store's own bulk operation when it is a
 * {@link BulkObjectStore}, otherwise one call per object, one after another.
 */
public final class BulkCalls {

    private BulkCalls() {}

    /** {@link ObjectStore#open} of the latest generation of every distinct key, outcomes in the order of {@code keys}. */
    public static Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(
            ObjectStore store, Collection<ObjectKey> keys) {
        if (store instanceof BulkObjectStore bulk) {
            return bulk.openAll(keys);
        }
        Map<ObjectKey, Either<StoreFailure, ObjectContent>> outcomes = new LinkedHashMap<>();
        for (ObjectKey key : keys) {
            outcomes.computeIfAbsent(key, latest -> store.open(latest, ReadCondition.latest()));
        }
        return outcomes;
    }

    /** {@link ObjectStore#read} of every distinct key, outcomes in the order of {@code keys}. */
    public static Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(
            ObjectStore store, Collection<ObjectKey> keys) {
        if (store instanceof BulkObjectStore bulk) {
            return bulk.readAll(keys);
        }
        Map<ObjectKey, Either<StoreFailure, StoredObject>> outcomes = new LinkedHashMap<>();
        for (ObjectKey key : keys) {
            outcomes.computeIfAbsent(key, store::read);
        }
        return outcomes;
    }

    /** {@link ObjectStore#deleteIfUnchanged} of every entry, outcomes in the order given. */
    public static Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(
            ObjectStore store, Map<ObjectKey, Generation> expected) {
        if (store instanceof BulkObjectStore bulk) {
            return bulk.deleteAllIfUnchanged(expected);
        }
        Map<ObjectKey, Either<StoreFailure, Done>> outcomes = new LinkedHashMap<>();
        expected.forEach((key, generation) -> outcomes.put(key, store.deleteIfUnchanged(key, generation)));
        return outcomes;
    }
}
