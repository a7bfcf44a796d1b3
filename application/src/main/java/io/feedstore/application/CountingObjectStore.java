package io.feedstore.application;

import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.BulkObjectStore;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectAttributes;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectDetails;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StorageCalls;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls one piece of work makes through the store, whatever their outcome, so reports can show the cost:
 * per object (a bulk read of 300 keys is 300 reads), each call passed on unchanged.
 */
public final class CountingObjectStore implements BulkObjectStore {

    private final ObjectStore store;
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();

    public CountingObjectStore(ObjectStore store) {
        this.store = store;
    }

    /** The calls made so far. */
    public StorageCalls calls() {
        return new StorageCalls(lists.get(), reads.get(), writes.get(), deletes.get());
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        lists.incrementAndGet();
        return store.list(prefix);
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        reads.incrementAndGet();
        return store.read(key);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        writes.incrementAndGet();
        return store.createIfAbsent(key, content);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        writes.incrementAndGet();
        return store.createIfAbsent(key, attributes, content);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        writes.incrementAndGet();
        return store.createIfAbsent(key, attributes, writer);
    }

    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        reads.incrementAndGet();
        return store.details(key);
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        writes.incrementAndGet();
        return store.replaceIfUnchanged(key, expected, content);
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        deletes.incrementAndGet();
        return store.deleteIfUnchanged(key, expected);
    }

    // The streaming calls go to the store's own, which may read ranges and stage content outside memory.
    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        reads.incrementAndGet();
        return store.open(key, condition);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
        Map<ObjectKey, Either<StoreFailure, ObjectContent>> outcomes = BulkCalls.openAll(store, keys);
        reads.addAndGet(outcomes.size());
        return outcomes;
    }

    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
        writes.incrementAndGet();
        return store.write(key, condition, writer);
    }

    // The bulk calls go to the store's own bulk operations where it has them, so counting takes no concurrency away.
    @Override
    public Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
        Map<ObjectKey, Either<StoreFailure, StoredObject>> outcomes = BulkCalls.readAll(store, keys);
        reads.addAndGet(outcomes.size());
        return outcomes;
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected) {
        deletes.addAndGet(expected.size());
        return BulkCalls.deleteAllIfUnchanged(store, expected);
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
