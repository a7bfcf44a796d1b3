package io.feedstore.domain.release;

import java.util.Objects;

/** The identity deduplication works on: any non-blank text. */
public record PressReleaseId(String value) implements Comparable<PressReleaseId> {

    public PressReleaseId {
        Objects.requireNonNull(value, "press_release_id");
        if (value.isBlank()) {
            throw new InvalidPressRelease("press_release_id", value, "must not be blank");
        }
        Text.requireWellFormed("press_release_id", value);
    }

    public static PressReleaseId of(String value) {
        return new PressReleaseId(value);
    }

    @Override
    public int compareTo(PressReleaseId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
