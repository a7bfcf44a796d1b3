package io.feedstore.domain.store;

import io.vavr.control.Either;
import java.util.Collection;
import java.util.Map;

/**
 * Optional capability of an {@link ObjectStore}: many objects in one call, with several requests in flight where
 * the store can (a partition of hundreds of one-row legacy files on GCS). Callers do not test for it themselves:
 * they go through {@link BulkCalls}, which falls back to one call per object for a store without it.
 */
public interface BulkObjectStore extends ObjectStore {

    /** {@link #open} of the latest generation of every distinct key, outcomes in the order of {@code keys}. */
    Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys);

    /** {@link #read} of every distinct key, outcomes in the order of {@code keys}. */
    Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys);

    /** {@link #deleteIfUnchanged} of every entry, outcomes in the order given. */
    Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected);
}
