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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Base of the test decorators: forwards every operation of the port, the streamed and bulk ones included, to the
 * same operation of the store it wraps, so that wrapping a store never swaps the adapter's own ranged reads,
 * staged writes or bulk calls for the port's in-memory fallbacks. It offers the bulk calls whether or not the
 * wrapped store has them, and passes them on through {@link BulkCalls}, so a wrapped store's bulk operations are
 * never lost. A decorator overrides what it intercepts.
 */
public abstract class ForwardingObjectStore implements BulkObjectStore {

    private final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    protected final ObjectStore delegate() {
        return delegate;
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        return delegate.list(prefix);
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        return delegate.read(key);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        return delegate.createIfAbsent(key, content);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        return delegate.createIfAbsent(key, attributes, content);
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        return delegate.createIfAbsent(key, attributes, writer);
    }

    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        return delegate.details(key);
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        return delegate.replaceIfUnchanged(key, expected, content);
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        return delegate.deleteIfUnchanged(key, expected);
    }

    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        return delegate.open(key, condition);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
        return BulkCalls.openAll(delegate, keys);
    }

    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
        return delegate.write(key, condition, writer);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
        return BulkCalls.readAll(delegate, keys);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected) {
        return BulkCalls.deleteAllIfUnchanged(delegate, expected);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
