package io.feedstore.domain.store;

import io.vavr.control.Either;
import java.io.IOException;
import java.util.List;

/**
 * Outgoing port: a flat namespace of immutable-content objects with generations and conditional writes, the
 * guarantees that Google Cloud Storage gives and the local store emulates. Every guarantee feedstore makes
 * about lost data rests on these conditions, and the contract test suite asserts each of them per adapter.
 *
 * <p>A new object is visible completely or not at all. Implementations are safe to use from several threads.
 * Calls for many objects at once are an optional capability, {@link BulkObjectStore}, made through
 * {@link BulkCalls}.
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
     * The object as it is now, open for reading in parts; {@link StoreFailure.NotFound} when there is none. The
     * default reads it whole with {@link #read}: a store that holds large objects overrides this to read ranges.
     */
    default Either<StoreFailure, ObjectContent> open(ObjectKey key) {
        return read(key).map(ObjectContent::of);
    }

    /**
     * The object's generation {@code expected}, open for reading in parts, so that several passes over an object
     * read the same bytes; {@link StoreFailure.PreconditionFailed} when the object has another generation now,
     * {@link StoreFailure.NotFound} when it no longer exists.
     */
    default Either<StoreFailure, ObjectContent> open(ObjectKey key, Generation expected) {
        return open(key).flatMap(content -> {
            if (content.generation().equals(expected)) {
                return Either.right(content);
            }
            try {
                content.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost by a failed close
            }
            return Either.left(new StoreFailure.PreconditionFailed(key,
                    "expected generation " + expected + " but found " + content.generation()));
        });
    }

    /**
     * {@link #createIfAbsent(ObjectKey, byte[])} of the content {@code writer} produces, which the store may stage
     * outside memory. If the writer fails, nothing is published: an {@link IOException} becomes an
     * {@link StoreFailure.IoFailure}, any other exception is thrown on. The default buffers the content in memory.
     */
    default Either<StoreFailure, Generation> createIfAbsentFrom(ObjectKey key, ContentWriter writer) {
        try {
            return createIfAbsent(key, writer.toByteArray());
        } catch (IOException e) {
            return Either.left(StoreFailure.IoFailure.of(describe() + " " + key, e));
        }
    }

    /** {@link #replaceIfUnchanged(ObjectKey, Generation, byte[])} of what {@code writer} produces; as {@link #createIfAbsentFrom}. */
    default Either<StoreFailure, Generation> replaceIfUnchangedFrom(ObjectKey key, Generation expected,
                                                                   ContentWriter writer) {
        try {
            return replaceIfUnchanged(key, expected, writer.toByteArray());
        } catch (IOException e) {
            return Either.left(StoreFailure.IoFailure.of(describe() + " " + key, e));
        }
    }

    /** Where this store keeps its objects, for messages ("file:/data/feed", "gs://bucket/prefix"). */
    String describe();
}
