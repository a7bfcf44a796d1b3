package io.feedstore.bootstrap.wiring;

import io.feedstore.adapters.gcs.GcsObjectStores;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.bootstrap.settings.StoreUri;
import io.feedstore.domain.store.ObjectStore;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * {@code gs://BUCKET[/PREFIX]}: a Google Cloud Storage bucket, through the GCS adapter with the resolved
 * {@link Settings#gcs()} (project, emulator, timeouts, retries, concurrency). The store it opens holds threads and
 * connections; whoever opened it closes it ({@link WiredStore#close()}).
 */
final class GcsStoreFactory implements StoreFactory {

    private final Settings settings;

    @Inject
    GcsStoreFactory(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String scheme() {
        return "gs";
    }

    /** A bucket that does not exist shows at the first listing; GCS has no cheaper check that needs no extra role. */
    @Override
    public ObjectStore open(StoreUri uri, boolean mayCreate) {
        URI location;
        try {
            location = new URI(uri.text());
        } catch (URISyntaxException e) {
            throw FeedstoreError.configuration(uri.named() + " is not a gs://BUCKET[/PREFIX] URI: " + e.getReason());
        }
        try {
            return GcsObjectStores.open(location, settings.gcs());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A bad bucket name, or no credentials: configuration to fix before anything can run.
            throw FeedstoreError.configuration(naming(uri, e.getMessage()), e);
        }
    }

    /** The adapter's message names the store itself; say also which setting it came from. */
    private static String naming(StoreUri uri, String message) {
        String adapterName = "store '" + uri.text() + "'";
        return message.startsWith(adapterName)
                ? uri.named() + message.substring(adapterName.length())
                : uri.named() + ": " + message;
    }
}
