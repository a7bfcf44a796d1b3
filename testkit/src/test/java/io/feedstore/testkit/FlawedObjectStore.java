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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store with exactly one deliberate flaw, so that {@link ObjectStoreContractCatchesFlawsTest} can show the
 * contract fails on it. Without a flaw it behaves correctly.
 */
final class FlawedObjectStore implements ObjectStore {

    enum Flaw {
        NONE,
        /** Numbers generations per key from 1 again after a delete: the ABA problem. */
        REUSES_GENERATIONS_AFTER_DELETE,
        /** Replaces whatever generation the caller names. */
        IGNORES_GENERATION_ON_REPLACE,
        /** Replace of a missing object creates it. */
        REPLACE_RECREATES_DELETED,
        /** Delete of a missing object answers precondition-failed instead of not-found. */
        DELETE_OF_MISSING_FAILS_PRECONDITION,
        /** Lists in hash order. */
        UNSORTED_LISTING,
        /** Lists only the objects directly in the folder. */
        SHALLOW_LISTING,
        /** Checks and acts without holding a lock, with a pause in between. */
        CHECK_THEN_ACT_NOT_ATOMIC,
        /** Creates the object but keeps none of the attributes it was given. */
        FORGETS_ATTRIBUTES,
        /** A streamed create replaces an object that already has the key. */
        STREAMED_CREATE_OVERWRITES
    }

    private final Flaw flaw;
    private final Map<ObjectKey, StoredObject> objects = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Long> versions = new ConcurrentHashMap<>();
    private final Map<ObjectKey, ObjectAttributes> attributes = new ConcurrentHashMap<>();
    private long counter;

    FlawedObjectStore(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        List<ObjectInfo> listing = new ArrayList<>();
        for (StoredObject object : objects.values()) {
            String key = object.key().value();
            boolean inside = key.startsWith(prefix.value());
            if (flaw == Flaw.SHALLOW_LISTING) {
                inside &= key.indexOf('/', prefix.value().length()) < 0;
            }
            if (inside) {
                listing.add(object.info());
            }
        }
        if (flaw != Flaw.UNSORTED_LISTING) {
            listing.sort(Comparator.comparing(ObjectInfo::key));
        }
        return Either.right(listing);
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        StoredObject object = objects.get(key);
        return object == null
                ? Either.left(new StoreFailure.NotFound(key))
                : Either.right(new StoredObject(
                        key, object.generation(), object.content().clone()));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        synchronized (lock()) {
            if (objects.containsKey(key)) {
                return Either.left(new StoreFailure.PreconditionFailed(key, "exists"));
            }
            pause();
            return Either.right(put(key, content));
        }
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes given, byte[] content) {
        synchronized (lock()) {
            Either<StoreFailure, Generation> created = createIfAbsent(key, content);
            if (created.isRight() && flaw != Flaw.FORGETS_ATTRIBUTES) {
                attributes.put(key, given);
            }
            return created;
        }
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes given, ContentWriter writer) {
        synchronized (lock()) {
            if (flaw == Flaw.STREAMED_CREATE_OVERWRITES) {
                objects.remove(key);
                attributes.remove(key);
            }
            return WholeObjects.createIfAbsent(this, key, given, writer);
        }
    }

    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        StoredObject object = objects.get(key);
        return object == null
                ? Either.left(new StoreFailure.NotFound(key))
                : Either.right(new ObjectDetails(
                        object.info(), java.time.Instant.now(), attributes.getOrDefault(key, ObjectAttributes.NONE)));
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        synchronized (lock()) {
            StoredObject object = objects.get(key);
            if (object == null && flaw != Flaw.REPLACE_RECREATES_DELETED) {
                return Either.left(new StoreFailure.PreconditionFailed(key, "missing"));
            }
            if (object != null && !object.generation().equals(expected) && flaw != Flaw.IGNORES_GENERATION_ON_REPLACE) {
                return Either.left(new StoreFailure.PreconditionFailed(key, "changed"));
            }
            pause();
            attributes.remove(key);
            return Either.right(put(key, content));
        }
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        synchronized (lock()) {
            StoredObject object = objects.get(key);
            if (object == null) {
                return Either.left(
                        flaw == Flaw.DELETE_OF_MISSING_FAILS_PRECONDITION
                                ? new StoreFailure.PreconditionFailed(key, "missing")
                                : new StoreFailure.NotFound(key));
            }
            if (!object.generation().equals(expected)) {
                return Either.left(new StoreFailure.PreconditionFailed(key, "changed"));
            }
            pause();
            objects.remove(key);
            attributes.remove(key);
            if (flaw == Flaw.REUSES_GENERATIONS_AFTER_DELETE) {
                versions.remove(key);
            }
            return Either.right(Done.DONE);
        }
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
        return "flawed:" + flaw;
    }

    private Object lock() {
        // A fresh monitor per call is no lock at all.
        return flaw == Flaw.CHECK_THEN_ACT_NOT_ATOMIC ? new Object() : this;
    }

    private void pause() {
        if (flaw == Flaw.CHECK_THEN_ACT_NOT_ATOMIC) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Generation put(ObjectKey key, byte[] content) {
        long generation;
        synchronized (versions) {
            generation = flaw == Flaw.REUSES_GENERATIONS_AFTER_DELETE ? versions.merge(key, 1L, Long::sum) : ++counter;
        }
        objects.put(key, new StoredObject(key, Generation.of(generation), content.clone()));
        return Generation.of(generation);
    }
}
