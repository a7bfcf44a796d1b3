package io.feedstore.domain.store;

import io.vavr.control.Either;
import java.util.List;

/**
 * Outgoing port: a flat namespace of immutable-content objects with generations and conditional writes, the
 * guarantees that Google Cloud Storage gives and the local store emulates. Every guarantee feedstore makes
 * about lost data rests on these conditions, and the contract test suite asserts each of them per adapter.
 *
 * <p>A new object is visible completely or not at all. Implementations are safe to use from several threads.
 * Calls for many objects at once are an optional capability, {@link BulkObjectStore}, made through
 * {@link BulkCalls}. No operation has a default, so a decorator passes each one on and cannot lose one unnoticed.
 */
public interface ObjectStore {

    /** Every object whose key starts with {@code prefix}, at any depth, in key order; the listing is complete. */
    Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix);

    /** The content and the generation it has; {@link StoreFailure.NotFound} when there is none. */
    Either<StoreFailure, StoredObject> read(ObjectKey key);

    /** Creates the object only if no object has this key; otherwise {@link StoreFailure.PreconditionFailed}. */
    Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content);

    /**
     * Creates the object with its {@code attributes} only if no object has this key; otherwise
     * {@link StoreFailure.PreconditionFailed}. {@link #details} returns the attributes as given.
     */
    Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content);

    /**
     * As {@link #createIfAbsent(ObjectKey, ObjectAttributes, byte[])}, with the content {@code writer} produces,
     * staged outside memory as {@link #write} stages it, so that an object larger than the heap can be created.
     */
    Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, ContentWriter writer);

    /**
     * The object's listing entry, creation time and attributes ({@link ObjectAttributes#NONE} or the store's
     * defaults for one written without); {@link StoreFailure.NotFound} when there is none.
     */
    Either<StoreFailure, ObjectDetails> details(ObjectKey key);

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
     * The object open for reading in parts, at the generation {@code condition} asks for;
     * {@link StoreFailure.NotFound} when there is none, {@link StoreFailure.PreconditionFailed} when it has another
     * generation than {@link ReadCondition#atGeneration} asked for. A store that holds large objects reads ranges;
     * one that keeps them whole in memory goes through {@link WholeObjects#open}.
     */
    Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition);

    /**
     * Writes the content {@code writer} produces under {@code condition} ({@link WriteCondition#ifAbsent()} as
     * {@link #createIfAbsent}, {@link WriteCondition#ifGeneration} as {@link #replaceIfUnchanged}); the store may
     * stage it outside memory. If the writer fails, nothing is published: an {@link java.io.IOException} becomes
     * an {@link StoreFailure.IoFailure}, any other exception is thrown on.
     */
    Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer);

    /** Where this store keeps its objects, for messages ("file:/data/feed", "gs://bucket/prefix"). */
    String describe();
}
