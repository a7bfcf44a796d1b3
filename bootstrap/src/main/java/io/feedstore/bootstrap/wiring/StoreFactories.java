package io.feedstore.bootstrap.wiring;

import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.settings.StoreUri;
import io.feedstore.domain.store.ObjectStore;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Picks the {@link StoreFactory} for a store URI's scheme, or says clearly why there is none. */
final class StoreFactories {

    private final Map<String, StoreFactory> byScheme = new TreeMap<>();

    @Inject
    StoreFactories(Set<StoreFactory> factories) {
        for (StoreFactory factory : factories) {
            if (byScheme.put(factory.scheme(), factory) != null) {
                throw new IllegalStateException("two store factories for scheme '" + factory.scheme() + "'");
            }
        }
    }

    ObjectStore open(StoreUri uri, boolean mayCreate) {
        StoreFactory factory = byScheme.get(uri.scheme());
        if (factory == null) {
            throw FeedstoreError.configuration(uri.named() + ": the scheme '" + uri.scheme() + ":' is unknown;"
                    + " supported: "
                    + String.join(
                            ", ", byScheme.keySet().stream().map(s -> s + ":").toList()));
        }
        return factory.open(uri, mayCreate);
    }
}
