package io.feedstore.adapters.gcs;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.StorageRetryStrategy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** The entry point of the GCS adapter: opens the store at {@code gs://BUCKET[/PREFIX]}. */
public final class GcsObjectStores {

    /** Used with an emulator when no project is given, so that the client never goes looking for one. */
    static final String EMULATOR_PROJECT = "feedstore-emulator";

    private GcsObjectStores() {}

    /**
     * Opens the store. With {@link GcsSettings#emulatorHost()} the client talks to that endpoint without
     * credentials; otherwise to Cloud Storage with Application Default Credentials.
     *
     * @throws IllegalArgumentException when the URI is not {@code gs://BUCKET[/PREFIX]} or names an invalid bucket
     * @throws IllegalStateException    when no Application Default Credentials can be found
     */
    public static GcsStore open(URI store, GcsSettings settings) {
        GcsLocation location = GcsLocation.parse(store);
        return new GcsObjectStore(client(settings), location, settings.maxConcurrentRequests());
    }

    static Storage client(GcsSettings settings) {
        HttpStorageOptions.Builder options = StorageOptions.http()
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setReadTimeout((int) settings.readTimeout().toMillis())
                        .build())
                .setRetrySettings(retrySettings(settings))
                // Retries idempotent calls, and conditional writes and deletes, which the preconditions make
                // idempotent; a plain unconditional write is never retried (feedstore makes none).
                .setStorageRetryStrategy(StorageRetryStrategy.getDefaultStorageRetryStrategy());
        if (settings.emulatorHost().isDefined()) {
            options.setHost(settings.emulatorHost().get().toString())
                    .setCredentials(NoCredentials.getInstance())
                    .setProjectId(settings.projectId().getOrElse(EMULATOR_PROJECT));
        } else {
            options.setCredentials(applicationDefaultCredentials());
            settings.projectId().forEach(options::setProjectId);
        }
        return options.build().getService();
    }

    static RetrySettings retrySettings(GcsSettings settings) {
        Duration maxDelay = settings.totalRetryTime().compareTo(Duration.ofSeconds(32)) < 0
                ? settings.totalRetryTime()
                : Duration.ofSeconds(32);
        return StorageOptions.getDefaultRetrySettings().toBuilder()
                .setMaxAttempts(settings.maxAttempts())
                .setTotalTimeoutDuration(settings.totalRetryTime())
                .setInitialRetryDelayDuration(settings.initialRetryDelay())
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(maxDelay)
                .build();
    }

    private static GoogleCredentials applicationDefaultCredentials() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            // The library's message says where it looked; it never contains a secret.
            throw new IllegalStateException(
                    "no Google Application Default Credentials for the GCS store ("
                            + e.getMessage() + "); run 'gcloud auth application-default login' or set "
                            + "GOOGLE_APPLICATION_CREDENTIALS, or set STORAGE_EMULATOR_HOST to use an emulator",
                    e);
        }
    }
}
