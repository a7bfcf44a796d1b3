package io.feedstore.bootstrap.settings;

import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.Secrets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the store is, as the user wrote it: {@code file:PATH} (a local directory; relative paths are relative to
 * the working directory) or {@code gs://BUCKET[/PREFIX]}. The scheme picks the {@code StoreFactory};
 * {@code origin} names the setting it came from ({@code --store}, {@code FEEDSTORE_STORE}, {@code GCS_BUCKET} or
 * {@code default}) so that an error can say which one to fix.
 *
 * <p>A store URI never carries credentials (GCS uses Application Default Credentials): one with a user or
 * password, or a query, is refused without repeating it.
 */
public record StoreUri(String text, String scheme, String location, String origin) {

    private static final Pattern USER_INFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/]*@.*");

    public StoreUri {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(origin, "origin");
    }

    static StoreUri parse(String text) {
        return parse(text, Setting.STORE.flag());
    }

    static StoreUri parse(String text, String origin) {
        Objects.requireNonNull(text, "store");
        String from = origin.startsWith("--") ? "" : origin + ": ";
        int colon = text.indexOf(':');
        // A one-letter "scheme" is a Windows drive (C:\data), not a scheme.
        if (colon < 2 || !text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw FeedstoreError.configuration(from + "store '" + text + "' is not a store URI: use file:PATH for a"
                    + " local directory (for example file:./feedstore-data) or gs://BUCKET[/PREFIX]");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (USER_INFO.matcher(text).matches()) {
            throw FeedstoreError.configuration(from + "store '" + Secrets.none().redact(text) + "' must not carry a"
                    + " user name or password: use " + scheme + "://BUCKET[/PREFIX]; the GCS store signs in with"
                    + " Application Default Credentials");
        }
        if (text.contains("?") || text.contains("#")) {
            // Not repeated: a query is where a credential would go.
            throw FeedstoreError.configuration(from + "store '" + text.replaceAll("[?#].*", "?" + Secrets.MASK)
                    + "' must not have a query or fragment: "
                    + (scheme.equals("file")
                            ? "use file:PATH, a local directory whose path has no '?' or '#'"
                            : "use gs://BUCKET[/PREFIX]"));
        }
        String location = text.substring(colon + 1);
        if (scheme.equals("file")) {
            location = localPath(from, text, location);
        }
        if (location.isEmpty() || location.equals("//")) {
            throw FeedstoreError.configuration(from + "store '" + text + "' names no location after '" + scheme + ":'");
        }
        return new StoreUri(text, scheme, location, origin);
    }

    /** {@code file:data}, {@code file:/abs}, and the standard {@code file:///abs} all name a path. */
    private static String localPath(String from, String text, String rest) {
        if (rest.startsWith("//")) {
            String afterAuthority = rest.substring(2);
            if (afterAuthority.startsWith("/")) {
                return afterAuthority;
            }
            if (afterAuthority.startsWith("localhost/")) {
                return afterAuthority.substring("localhost".length());
            }
            throw FeedstoreError.configuration(from + "store '" + text + "' names a remote host; a file: store is a"
                    + " local directory (file:PATH or file:///absolute/path)");
        }
        return rest;
    }

    /** How an error names this store: {@code store 'gs://b' (from GCS_BUCKET)}. */
    public String named() {
        return "store '" + text + "'"
                + (origin.startsWith("--") || origin.equals("default") ? "" : " (from " + origin + ")");
    }

    @Override
    public String toString() {
        return text;
    }
}
