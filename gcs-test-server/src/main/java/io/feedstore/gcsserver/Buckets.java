package io.feedstore.gcsserver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server's state: buckets of live objects in name order, and the generation counter. Every read and
 * write takes one lock, so each request sees and changes the state atomically, as Cloud Storage promises for
 * a single object (strong read-after-write consistency, conditions checked and applied together).
 */
final class Buckets {

    /** Cloud Storage never returns more than 1,000 entries in one listing page. */
    static final int GCS_MAX_PAGE_SIZE = 1000;

    private final Map<String, TreeMap<String, StoredBlob>> buckets = new HashMap<>();
    private final boolean autoCreate;
    private long lastGeneration;

    Buckets(boolean autoCreate) {
        this.autoCreate = autoCreate;
    }

    synchronized boolean create(String bucket) {
        return buckets.putIfAbsent(bucket, new TreeMap<>()) == null;
    }

    synchronized boolean exists(String bucket) {
        return buckets.containsKey(bucket) || autoCreate;
    }

    synchronized StoredBlob read(String bucket, String name, Long generation, Preconditions conditions) {
        StoredBlob current = objects(bucket).get(name);
        if (current == null || generation != null && generation != current.generation()) {
            throw ApiError.noSuchObject(bucket, name);
        }
        if (!conditions.matchConditionsHold(current)) {
            throw ApiError.preconditionFailed();
        }
        if (!conditions.notMatchConditionsHold(current)) {
            throw new ApiError(304, "notModified", "Not Modified");
        }
        return current;
    }

    synchronized StoredBlob insert(
            String bucket,
            String name,
            byte[] content,
            String contentType,
            String contentEncoding,
            String cacheControl,
            Map<String, String> metadata,
            Preconditions conditions) {
        NavigableMap<String, StoredBlob> objects = objects(bucket);
        if (!conditions.holdFor(objects.get(name))) {
            throw ApiError.preconditionFailed();
        }
        StoredBlob blob = new StoredBlob(
                bucket,
                name,
                nextGeneration(),
                1,
                content.clone(),
                contentType,
                contentEncoding,
                cacheControl,
                metadata,
                Instant.now());
        objects.put(name, blob);
        return blob;
    }

    /** Checks a resumable upload's conditions when the session starts, before any byte is sent. */
    synchronized void check(String bucket, String name, Preconditions conditions) {
        if (!conditions.holdFor(objects(bucket).get(name))) {
            throw ApiError.preconditionFailed();
        }
    }

    synchronized void delete(String bucket, String name, Long generation, Preconditions conditions) {
        NavigableMap<String, StoredBlob> objects = objects(bucket);
        StoredBlob current = objects.get(name);
        if (current == null || generation != null && generation != current.generation()) {
            throw ApiError.noSuchObject(bucket, name);
        }
        if (!conditions.holdFor(current)) {
            throw ApiError.preconditionFailed();
        }
        objects.remove(name);
    }

    synchronized Optional<StoredBlob> peek(String bucket, String name) {
        TreeMap<String, StoredBlob> objects = buckets.get(bucket);
        return Optional.ofNullable(objects == null ? null : objects.get(name));
    }

    synchronized List<String> names(String bucket) {
        TreeMap<String, StoredBlob> objects = buckets.get(bucket);
        return objects == null ? List.of() : List.copyOf(objects.keySet());
    }

    /** One page of a listing, and the token of the next page when there is more. */
    record Page(List<StoredBlob> items, List<String> prefixes, String nextPageToken) {}

    /**
     * A listing page as objects.list defines it: names starting with {@code prefix}, in lexicographic order,
     * from {@code startOffset} (inclusive) to {@code endOffset} (exclusive); with a delimiter, names holding it
     * after the prefix are rolled up into one prefix entry. Items and prefixes both count toward the page size.
     */
    synchronized Page list(
            String bucket,
            String prefix,
            String delimiter,
            String startOffset,
            String endOffset,
            String pageToken,
            int pageSize) {
        NavigableMap<String, StoredBlob> objects = objects(bucket);
        String from = prefix;
        if (startOffset != null && startOffset.compareTo(from) > 0) {
            from = startOffset;
        }
        String resumeAfter = null;
        boolean resumeAfterPrefix = false;
        if (pageToken != null && !pageToken.isEmpty()) {
            String token = decodeToken(pageToken);
            resumeAfterPrefix = token.startsWith("p:");
            resumeAfter = token.substring(2);
        }
        NavigableMap<String, StoredBlob> candidates = resumeAfter != null && resumeAfter.compareTo(from) >= 0
                ? objects.tailMap(resumeAfter, false)
                : objects.tailMap(from, true);

        List<StoredBlob> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean lastWasPrefix = false;
        for (StoredBlob blob : candidates.values()) {
            String name = blob.name();
            if (!name.startsWith(prefix)) {
                if (name.compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (endOffset != null && !endOffset.isEmpty() && name.compareTo(endOffset) >= 0) {
                break;
            }
            if (resumeAfterPrefix && name.startsWith(resumeAfter)) {
                continue;
            }
            String rolledUp = null;
            if (delimiter != null && !delimiter.isEmpty()) {
                int at = name.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    rolledUp = name.substring(0, at + delimiter.length());
                }
            }
            if (rolledUp != null && lastWasPrefix && rolledUp.equals(last)) {
                continue;
            }
            if (items.size() + prefixes.size() == pageSize) {
                return new Page(items, prefixes, encodeToken(lastWasPrefix, last));
            }
            if (rolledUp != null) {
                prefixes.add(rolledUp);
                last = rolledUp;
                lastWasPrefix = true;
            } else {
                items.add(blob);
                last = name;
                lastWasPrefix = false;
            }
        }
        return new Page(items, prefixes, null);
    }

    private NavigableMap<String, StoredBlob> objects(String bucket) {
        TreeMap<String, StoredBlob> objects = buckets.get(bucket);
        if (objects == null) {
            if (!autoCreate) {
                throw ApiError.noSuchBucket(bucket);
            }
            objects = new TreeMap<>();
            buckets.put(bucket, objects);
        }
        return objects;
    }

    /** Strictly increasing, and shaped like Cloud Storage's (microseconds since the epoch). */
    private long nextGeneration() {
        long now = System.currentTimeMillis() * 1000;
        lastGeneration = Math.max(lastGeneration + 1, now);
        return lastGeneration;
    }

    private static String encodeToken(boolean prefix, String last) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(((prefix ? "p:" : "i:") + last).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("p:") || decoded.startsWith("i:")) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiError.badRequest("Invalid page token: " + token);
    }
}
