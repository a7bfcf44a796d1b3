package io.feedstore.domain.store;

import java.util.Objects;

/**
 * Which version of an object was seen. Opaque: GCS uses its generation number, the local store an emulated
 * token. Conditional writes and deletes succeed only while the object still has this generation.
 */
public record Generation(String token) {

    public Generation {
        Objects.requireNonNull(token, "generation");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("generation must not be empty");
        }
    }

    public static Generation of(String token) {
        return new Generation(token);
    }

    public static Generation of(long number) {
        return new Generation(Long.toString(number));
    }

    @Override
    public String toString() {
        return token;
    }
}
