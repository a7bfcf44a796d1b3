package io.feedstore.domain.store;

import java.util.Objects;

/** A "folder" of keys: empty for the whole store, otherwise a valid key path ending with '/'. */
public record KeyPrefix(String value) {

    public static final KeyPrefix ROOT = new KeyPrefix("");

    public KeyPrefix {
        Objects.requireNonNull(value, "prefix");
        if (!value.isEmpty()) {
            ObjectKey.requireValidPath(value, true);
        }
    }

    public static KeyPrefix of(String value) {
        return new KeyPrefix(value);
    }

    public KeyPrefix child(String segment) {
        return new KeyPrefix(value + segment + "/");
    }

    public ObjectKey key(String name) {
        return new ObjectKey(value + name);
    }

    @Override
    public String toString() {
        return value;
    }
}
