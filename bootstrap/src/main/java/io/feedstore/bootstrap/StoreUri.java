package io.feedstore.bootstrap;

import java.util.Locale;
import java.util.Objects;

/**
 * Where the store is, as the user wrote it: {@code file:PATH} (a local directory; relative paths are relative to
 * the working directory) or {@code gs://BUCKET/PREFIX}. The scheme picks the {@link StoreFactory}.
 */
record StoreUri(String text, String scheme, String location) {

    StoreUri {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(location, "location");
    }

    static StoreUri parse(String text) {
        Objects.requireNonNull(text, "store");
        int colon = text.indexOf(':');
        // A one-letter "scheme" is a Windows drive (C:\data), not a scheme.
        if (colon < 2 || !text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw FeedstoreError.configuration("store '" + text + "' is not a store URI: use file:PATH for a local"
                    + " directory (for example file:./feedstore-data)");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String location = text.substring(colon + 1);
        if (scheme.equals("file")) {
            location = localPath(text, location);
        }
        if (location.isEmpty()) {
            throw FeedstoreError.configuration("store '" + text + "' names no location after '" + scheme + ":'");
        }
        return new StoreUri(text, scheme, location);
    }

    /** {@code file:data}, {@code file:/abs}, and the standard {@code file:///abs} all name a path. */
    private static String localPath(String text, String rest) {
        if (rest.startsWith("//")) {
            String afterAuthority = rest.substring(2);
            if (afterAuthority.startsWith("/")) {
                return afterAuthority;
            }
            if (afterAuthority.startsWith("localhost/")) {
                return afterAuthority.substring("localhost".length());
            }
            throw FeedstoreError.configuration("store '" + text + "' names a remote host; a file: store is a local"
                    + " directory (file:PATH or file:///absolute/path)");
        }
        return rest;
    }

    @Override
    public String toString() {
        return text;
    }
}
