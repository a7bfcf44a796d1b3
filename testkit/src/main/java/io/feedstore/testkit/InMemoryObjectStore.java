package io.feedstore.testkit;

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
import io.feedstore.domain.store.WholeObjects;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reference implementation of the object-store port in memory, for tests of the use cases. It honours every
 * precondition of the port exactly and passes {@link ObjectStoreContract}.
 *
 * <p>Generations come from one counter shared by all keys, so a generation is never issued twice: deleting and
 * re-creating a key can never bring an old generation back. Content is copied in and out, so callers cannot
 * change a stored object by mutating an array.
 */
public final class InMemoryObjectStore implements ObjectStore {

    private final String name;
    // One monitor guards both fields: every check-and-act is a single critical section.
    private final TreeMap<ObjectKey, StoredObject> objects = new TreeMap<>();
    private final Map<ObjectKey, Described> described = new java.util.HashMap<>();
    private final Clock clock;
    private long lastGeneration;

    private record Described(Instant created, ObjectAttributes attributes) {}

    public InMemoryObjectStore() {
        this("memory");
    }

    /** {@code name} appears in {@link #describe()} and in failure messages. */
    public InMemoryObjectStore(String name) {
        this(name, Clock.systemUTC());
    }

    /** {@code clock} gives each object its creation time. */
    public InMemoryObjectStore(String name, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        List<ObjectInfo> listing = new ArrayList<>();
        // The TreeMap iterates in key order, which is the order the port promises.
        for (Map.Entry<ObjectKey, StoredObject> entry : objects.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                listing.add(entry.getValue().info());
            }
        }
        return Either.right(List.copyOf(listing));
    }

    @Override
    public synchronized Either<StoreFailure, StoredObject> read(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        StoredObject stored = objects.get(key);
        if (stored == null) {
            return Either.left(new StoreFailure.NotFound(key));
        }
        return Either.right(
                new StoredObject(key, stored.generation(), stored.content().clone()));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        return createIfAbsent(key, ObjectAttributes.NONE, content);
    }

    @Override
    public synchronized Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, byte[] content) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(content, "content");
        StoredObject existing = objects.get(key);
        if (existing != null) {
            return Either.left(new StoreFailure.PreconditionFailed(
                    key, "an object already exists (generation " + existing.generation() + ")"));
        }
        return Either.right(put(key, attributes, content));
    }

    /** Held whole in memory, as every object here is. */
    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        return WholeObjects.createIfAbsent(this, key, attributes, writer);
    }

    @Override
    public synchronized Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        StoredObject stored = objects.get(key);
        if (stored == null) {
            return Either.left(new StoreFailure.NotFound(key));
        }
        Described about = described.get(key);
        return Either.right(new ObjectDetails(stored.info(), about.created(), about.attributes()));
    }

    @Override
    public synchronized Either<StoreFailure, Generation> replaceIfUnchanged(
            ObjectKey key, Generation expected, byte[] content) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(content, "content");
        StoredObject existing = objects.get(key);
        if (existing == null) {
            return Either.left(new StoreFailure.PreconditionFailed(
                    key, "expected generation " + expected + " but the object no longer exists"));
        }
        if (!existing.generation().equals(expected)) {
            return Either.left(new StoreFailure.PreconditionFailed(
                    key, "expected generation " + expected + " but found " + existing.generation()));
        }
        return Either.right(put(key, ObjectAttributes.NONE, content));
    }

    @Override
    public synchronized Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        StoredObject existing = objects.get(key);
        if (existing == null) {
            return Either.left(new StoreFailure.NotFound(key));
        }
        if (!existing.generation().equals(expected)) {
            return Either.left(new StoreFailure.PreconditionFailed(
                    key, "expected generation " + expected + " but found " + existing.generation()));
        }
        objects.remove(key);
        described.remove(key);
        return Either.right(Done.DONE);
    }

    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        return WholeObjects.open(this, key, condition);
    }

    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
        return WholeObjects.write(this, key, condition, writer);
    }

    @Override
    public String describe() {
        return "memory:" + name;
    }

    /** How many objects the store holds, for assertions. */
    public synchronized int size() {
        return objects.size();
    }

    private Generation put(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        Generation generation = Generation.of(++lastGeneration);
        objects.put(key, new StoredObject(key, generation, content.clone()));
        described.put(key, new Described(clock.instant(), attributes));
        return generation;
    }
}
