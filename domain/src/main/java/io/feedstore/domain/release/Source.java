package io.feedstore.domain.release;

import java.util.Objects;
import java.util.regex.Pattern;

/** Where press releases come from ("gmail", "rss"); it becomes a path segment, so its alphabet is closed. */
public record Source(String value) implements Comparable<Source> {

    public static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public Source {
        Objects.requireNonNull(value, "source");
        if (!RULE.matcher(value).matches()) {
            throw new InvalidPressRelease(
                    "source",
                    value,
                    "must match " + RULE.pattern() + " (lower-case letters, digits, '_' and '-', at most 64)");
        }
    }

    public static Source of(String value) {
        return new Source(value);
    }

    @Override
    public int compareTo(Source other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
