package io.feedstore.adapters.gcs;

import io.feedstore.domain.store.BulkObjectStore;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.RemovesAbandonedTemporaries;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.Map;

/**
 * The object-store port on Cloud Storage, plus what a remote store does better in bulk: reading or deleting many
 * objects concurrently, never more than {@link GcsSettings#maxConcurrentRequests()} requests in flight. Close it
 * to release its threads and connections.
 */
public interface GcsStore extends BulkObjectStore, RemovesAbandonedTemporaries, AutoCloseable {

    /** {@link #read} of every key, concurrently; the outcomes in the order of {@code keys}, one per distinct key. */
    @Override
    Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys);

    /** {@link #deleteIfUnchanged} of every entry, concurrently; the outcomes in the order given. */
    @Override
    Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected);

    @Override
    void close();
}
