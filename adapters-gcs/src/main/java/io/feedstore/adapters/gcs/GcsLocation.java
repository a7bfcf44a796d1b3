package io.feedstore.adapters.gcs;

import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a store lives: {@code gs://BUCKET[/PREFIX]}. Every object of the store is named {@code PREFIX/KEY} in the
 * bucket, so several stores can share a bucket without seeing each other.
 *
 * @param bucket the bucket name, validated against Cloud Storage's naming rules
 * @param prefix "" or a valid key prefix ending with '/'
 */
record GcsLocation(String bucket, String prefix) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]*[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    GcsLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        requireValidBucket(bucket);
        if (!prefix.isEmpty()) {
            KeyPrefix.of(prefix);
        }
    }

    /** Parses {@code gs://BUCKET}, {@code gs://BUCKET/}, {@code gs://BUCKET/a/b} or {@code gs://BUCKET/a/b/}. */
    static GcsLocation parse(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String text = uri.toString();
        if (!"gs".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
            throw new IllegalArgumentException("store '" + text + "' is not a gs://BUCKET[/PREFIX] URI");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("store '" + text + "' must not have a query or fragment");
        }
        // getAuthority, not getHost: bucket names with '_' are not host names, and URI leaves getHost null then.
        String bucket = uri.getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("store '" + text + "' names no bucket (expected gs://BUCKET[/PREFIX])");
        }
        if (bucket.contains("@") || bucket.contains(":")) {
            throw new IllegalArgumentException(
                    "store '" + text + "' must not carry a user or port: gs://BUCKET[/PREFIX]");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = path.startsWith("/") ? path.substring(1) : path;
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        try {
            return new GcsLocation(bucket, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("store '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The name of the object that holds {@code key}. */
    String objectName(ObjectKey key) {
        return prefix + key.value();
    }

    String objectName(KeyPrefix keyPrefix) {
        return prefix + keyPrefix.value();
    }

    /** For messages: {@code gs://bucket/name}. */
    String target(String objectName) {
        return "gs://" + bucket + "/" + objectName;
    }

    String describe() {
        return prefix.isEmpty() ? "gs://" + bucket : "gs://" + bucket + "/" + prefix.substring(0, prefix.length() - 1);
    }

    /** Cloud Storage's bucket naming rules, so a typo fails here with the rule and not later with an HTTP 400. */
    static void requireValidBucket(String bucket) {
        String rule = null;
        if (!bucket.equals(bucket.toLowerCase(Locale.ROOT))
                || !BUCKET.matcher(bucket).matches()) {
            rule = "use only lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
        } else if (bucket.length() < 3 || bucket.length() > 222) {
            rule = "be 3 to 63 characters long (222 with dots)";
        } else if (!bucket.contains(".") && bucket.length() > 63) {
            rule = "be at most 63 characters long unless it contains dots";
        } else if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
            rule = "not contain '..', '.-' or '-.'";
        } else if (IP_ADDRESS.matcher(bucket).matches()) {
            rule = "not be an IP address";
        } else if (bucket.startsWith("goog") || bucket.contains("google")) {
            rule = "not start with 'goog' or contain 'google'";
        } else {
            for (String part : bucket.split("\\.")) {
                if (part.length() > 63) {
                    rule = "have dot-separated parts of at most 63 characters";
                }
            }
        }
        if (rule != null) {
            throw new IllegalArgumentException("bucket name '" + bucket + "' is invalid: a bucket name must " + rule);
        }
    }
}
