package io.feedstore.domain.store;

import io.vavr.control.Either;
import java.io.IOException;

/**
 * Streamed reads and writes for a store that keeps objects whole in memory (a test double, a reference store):
 * opens by reading the whole object, writes by buffering the writer's content. A store of large objects
 * implements {@link ObjectStore#open} and {@link ObjectStore#write} itself, with ranged reads and staging.
 */
public final class WholeObjects {

    private WholeObjects() {}

    /** {@link ObjectStore#open} through {@link ObjectStore#read}. */
    public static Either<StoreFailure, ObjectContent> open(ObjectStore store, ObjectKey key, ReadCondition condition) {
        return store.read(key).map(ObjectContent::of).flatMap(condition::admit);
    }

    /**
     * {@link ObjectStore#write} through {@link ObjectStore#createIfAbsent} or
     * {@link ObjectStore#replaceIfUnchanged}; an {@link IOException} of the writer becomes an
     * {@link StoreFailure.IoFailure} and nothing is written.
     */
    public static Either<StoreFailure, Generation> write(
            ObjectStore store, ObjectKey key, WriteCondition condition, ContentWriter writer) {
        return contentOf(store, key, writer)
                .flatMap(content -> condition instanceof WriteCondition.IfGeneration ifGeneration
                        ? store.replaceIfUnchanged(key, ifGeneration.expected(), content)
                        : store.createIfAbsent(key, content));
    }

    /**
     * {@link ObjectStore#createIfAbsent(ObjectKey, ObjectAttributes, ContentWriter)} through the array form, for
     * stores that keep objects in memory; an {@link IOException} of the writer becomes an
     * {@link StoreFailure.IoFailure} and nothing is written.
     */
    public static Either<StoreFailure, Generation> createIfAbsent(
            ObjectStore store, ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        return contentOf(store, key, writer).flatMap(content -> store.createIfAbsent(key, attributes, content));
    }

    /** The writer's bytes, or its {@link IOException} as the {@link StoreFailure.IoFailure} of {@code key}. */
    private static Either<StoreFailure, byte[]> contentOf(ObjectStore store, ObjectKey key, ContentWriter writer) {
        try {
            return Either.right(writer.toByteArray());
        } catch (IOException e) {
            return Either.left(StoreFailure.IoFailure.of(store.describe() + " " + key, e));
        }
    }
}
