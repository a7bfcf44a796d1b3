package io.feedstore.domain.store;

import java.util.Objects;

/** The content of an object together with the generation it was read at. */
public record StoredObject(ObjectKey key, Generation generation, byte[] content) {

    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(content, "content");
    }

    public ObjectInfo info() {
        return new ObjectInfo(key, generation, content.length);
    }
}
