package io.feedstore.domain.store;

import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an object says about itself besides its bytes, as GCS keeps it: the content type, the content encoding
 * ({@code gzip} for bytes stored compressed), whether intermediaries may transform it ({@code Cache-Control:
 * no-transform}, so GCS hands out gzip bytes as stored instead of gunzipping them) and custom metadata.
 */
public record ObjectAttributes(
        String contentType, Option<String> contentEncoding, boolean noTransform, Map<String, String> metadata) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+");
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What an object written without attributes reports where the store keeps none. */
    public static final ObjectAttributes NONE =
            new ObjectAttributes("application/octet-stream", Option.none(), false, Map.of());

    public ObjectAttributes {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentEncoding, "contentEncoding");
        Objects.requireNonNull(metadata, "metadata");
        if (!TOKEN.matcher(contentType).matches()) {
            throw new IllegalArgumentException("content type '" + contentType + "' must be type/subtype");
        }
        contentEncoding.filter(e -> !e.matches("[a-z0-9-]{1,32}")).forEach(e -> {
            throw new IllegalArgumentException("content encoding '" + e + "' must be a lowercase token");
        });
        metadata.forEach((key, value) -> {
            Objects.requireNonNull(value, "metadata value of " + key);
            if (!METADATA_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(
                        "metadata key '" + key + "' must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (value.length() > 2048 || value.chars().anyMatch(c -> c == '\n' || c == '\r')) {
                throw new IllegalArgumentException(
                        "metadata value of '" + key + "' must be one line of at most 2048 characters");
            }
        });
        metadata = Map.copyOf(new TreeMap<>(metadata));
    }

    public static ObjectAttributes of(String contentType) {
        return new ObjectAttributes(contentType, Option.none(), false, Map.of());
    }

    /** Content stored compressed with {@code encoding}, handed to readers as stored ({@code no-transform}). */
    public ObjectAttributes encodedAs(String encoding) {
        return new ObjectAttributes(contentType, Option.of(encoding), true, metadata);
    }

    public ObjectAttributes withMetadata(Map<String, String> entries) {
        Map<String, String> all = new TreeMap<>(metadata);
        all.putAll(entries);
        return new ObjectAttributes(contentType, contentEncoding, noTransform, all);
    }
}
