package io.feedstore.domain.store;

import java.util.Objects;

/** One entry of a listing: the key, the generation seen and the size in bytes. */
public record ObjectInfo(ObjectKey key, Generation generation, long size) {

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(generation, "generation");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
