package io.feedstore.bootstrap.wiring;

import io.feedstore.bootstrap.settings.StoreUri;
import io.feedstore.domain.store.ObjectStore;

/**
 * Opens the object store a {@link StoreUri} names, for one URI scheme. Each adapter contributes one (the local
 * filesystem for {@code file:}, Google Cloud Storage for {@code gs:}) through the Guice set binding
 * in {@link FeedstoreModule}.
 */
interface StoreFactory {

    /** The URI scheme this factory opens, lower case ("file", "gs"). */
    String scheme();

    /**
     * The store at {@code uri}.
     *
     * @param mayCreate whether a store that does not exist yet may be created (writing commands) or is a
     *                  configuration error (reading commands, where it is almost always a mistyped location)
     * @throws FeedstoreError when the location is unusable
     */
    ObjectStore open(StoreUri uri, boolean mayCreate);
}
