package io.feedstore.testkit;

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
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A probe for decorators: an in-memory store that records which of its operations were called, by name, so a
 * test can assert that a decorator passes each operation on as that same operation and not as a fallback.
 * Every operation is implemented here, so none of them runs through another.
 */
public final class RecordingObjectStore implements BulkObjectStore {

    private final InMemoryObjectStore objects = new InMemoryObjectStore("recording");
    private final List<String> calls = new ArrayList<>();

    /** The objects themselves, to arrange a test without recording calls. */
    public ObjectStore unrecorded() {
        return objects;
    }

    /** The operations called so far, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized void forget() {
        calls.clear();
    }

    private synchronized void record(String operation) {
        calls.add(operation);
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        record("list");
        return objects.list(prefix);
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        record("read");
        return objects.read(key);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        record("createIfAbsent");
        return objects.createIfAbsent(key, content);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        record("createIfAbsent with attributes");
        return objects.createIfAbsent(key, attributes, content);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        record("createIfAbsent with attributes, streamed");
        return objects.createIfAbsent(key, attributes, writer);
    }

    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        record("details");
        return objects.details(key);
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        record("replaceIfUnchanged");
        return objects.replaceIfUnchanged(key, expected, content);
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        record("deleteIfUnchanged");
        return objects.deleteIfUnchanged(key, expected);
    }

    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        record("open " + condition.getClass().getSimpleName());
        return objects.open(key, condition);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
        record("openAll");
        return BulkCalls.openAll(objects, keys);
    }

    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
        record("write " + condition.getClass().getSimpleName());
        return objects.write(key, condition, writer);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
        record("readAll");
        return BulkCalls.readAll(objects, keys);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected) {
        record("deleteAllIfUnchanged");
        return BulkCalls.deleteAllIfUnchanged(objects, expected);
    }

    @Override
    public String describe() {
        return objects.describe();
    }
}
