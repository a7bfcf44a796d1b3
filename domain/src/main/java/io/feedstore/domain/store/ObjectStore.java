package io.feedstore.domain.store;

import io.vavr.control.Either;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outgoing port: a flat namespace of immutable-content objects with generations and conditional writes, the
 * guarantees that Google Cloud Storage gives and the local store emulates. Every guarantee feedstore makes
 * about lost data rests on these conditions, and the contract test suite asserts each of them per adapter.
 *
 * <p>A new object is visible completely or not at all. Implementations are safe to use from several threads.
 */
public interface ObjectStore {

    /** Every object whose key starts with {@code prefix}, at any depth, in key order; the listing is complete. */
    Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix);

    /** The content and the generation it has; {@link StoreFailure.NotFound} when there is none. */
    Either<StoreFailure, StoredObject> read(ObjectKey key);

    /** Creates the object only if no object has this key; otherwise {@link StoreFailure.PreconditionFailed}. */
    Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content);

    /**
     * Replaces the object only if it still has generation {@code expected}; {@link StoreFailure.PreconditionFailed}
     * when it has another generation or no longer exists (as GCS answers 412 in both cases).
     */
    Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content);

    /**
     * Deletes the object only if it still has generation {@code expected}; {@link StoreFailure.PreconditionFailed}
     * when it has another one, {@link StoreFailure.NotFound} when it no longer exists.
     */
    Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected);

    /**
     * {@link #read} of every distinct key, outcomes in the order of {@code keys}. One call after another here; a
     * remote store overrides this to keep several requests in flight, which matters for a partition of hundreds
     * of one-row legacy files.
     */
    default Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
        Map<ObjectKey, Either<StoreFailure, StoredObject>> outcomes = new LinkedHashMap<>();
        for (ObjectKey key : keys) {
            outcomes.computeIfAbsent(key, this::read);
        }
        return outcomes;
    }

    /** {@link #deleteIfUnchanged} of every entry, outcomes in the order given; concurrent where the store can. */
    default Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected) {
        Map<ObjectKey, Either<StoreFailure, Done>> outcomes = new LinkedHashMap<>();
        expected.forEach((key, generation) -> outcomes.put(key, deleteIfUnchanged(key, generation)));
        return outcomes;
    }

    /** Where this store keeps its objects, for messages ("file:/data/feed", "gs://bucket/prefix"). */
    String describe();
}
