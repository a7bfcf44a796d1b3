package io.feedstore.domain.store;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The name of an object relative to the store root, such as
 * {@code silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/consolidated.parquet}.
 * Every segment is non-empty and none starts with a dot, so a key can never climb out of the root, and names
 * starting with a dot stay free for an adapter's temporary files.
 */
public record ObjectKey(String value) implements Comparable<ObjectKey> {

    /** The longest name Google Cloud Storage accepts, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1024;

    public ObjectKey {
        Objects.requireNonNull(value, "key");
        requireValidPath(value, false);
    }

    public static ObjectKey of(String value) {
        return new ObjectKey(value);
    }

    /** The last segment. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The prefix this key sits directly in ("" for a key at the root). */
    public KeyPrefix parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? KeyPrefix.ROOT : new KeyPrefix(value.substring(0, slash + 1));
    }

    public boolean startsWith(KeyPrefix prefix) {
        return value.startsWith(prefix.value());
    }

    @Override
    public int compareTo(ObjectKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Shared with {@link KeyPrefix}; a prefix is a path that ends with a slash. */
    static void requireValidPath(String value, boolean endsWithSlash) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("key '" + value + "' is longer than " + MAX_BYTES + " bytes");
        }
        String path = endsWithSlash ? value.substring(0, value.length() - 1) : value;
        if (endsWithSlash && !value.endsWith("/")) {
            throw new IllegalArgumentException("prefix '" + value + "' must end with '/'");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("key '" + value + "' must be relative (no leading '/')");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("key '" + value + "' has an empty segment");
            }
            if (segment.startsWith(".")) {
                throw new IllegalArgumentException("key '" + value
                        + "' has a segment starting with '.' ('.', '..' and hidden names are not keys)");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("key '" + value + "' contains a backslash or control character");
            }
        }
    }
}
