package io.feedstore.adapters.gcs;

import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the GCS store talks to Cloud Storage: project, emulator, timeouts, retries and how many requests may be in
 * flight at once. The defaults suit a batch job: a transient error is retried for up to 30 s, and a dead
 * endpoint fails a call after at most about {@code totalRetryTime + connectTimeout + readTimeout}, never minutes
 * more.
 *
 * @param projectId             the Google Cloud project; when absent the client's own discovery applies (with an
 *                              emulator, a placeholder is used so that nothing is looked up)
 * @param emulatorHost          a JSON-API endpoint to use instead of Cloud Storage, without credentials
 *                              ({@code STORAGE_EMULATOR_HOST})
 * @param connectTimeout        how long to wait for a connection
 * @param readTimeout           how long to wait for the next bytes of an answer
 * @param totalRetryTime        how long one call may keep retrying, all attempts included
 * @param initialRetryDelay     the first back-off delay; later ones double, up to 32 s
 * @param maxAttempts           how many attempts one call may make, the first included
 * @param maxConcurrentRequests how many requests one store sends at once, across every thread
 */
public record GcsSettings(
        Option<String> projectId,
        Option<URI> emulatorHost,
        Duration connectTimeout,
        Duration readTimeout,
        Duration totalRetryTime,
        Duration initialRetryDelay,
        int maxAttempts,
        int maxConcurrentRequests) {

    /** The environment variable the Google client libraries read to find an emulator. */
    public static final String EMULATOR_HOST_VARIABLE = "STORAGE_EMULATOR_HOST";
    /** The environment variable the older ingestion jobs read the project from, kept so their deployments work unchanged. */
    public static final String PROJECT_VARIABLE = "PROJECT_ID";

    public GcsSettings {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(emulatorHost, "emulatorHost");
        projectId.forEach(p -> {
            if (p.isBlank()) {
                throw new IllegalArgumentException("GCS project id must not be blank");
            }
        });
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(totalRetryTime, "totalRetryTime");
        requirePositive(initialRetryDelay, "initialRetryDelay");
        if (connectTimeout.toMillis() > Integer.MAX_VALUE || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("GCS timeouts must be below 24 days");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("GCS maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "GCS maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
        }
    }

    public static GcsSettings defaults() {
        return new GcsSettings(
                Option.none(),
                Option.none(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                6,
                16);
    }

    /**
     * The defaults, with the project from {@code PROJECT_ID} and the emulator from {@code STORAGE_EMULATOR_HOST}
     * when they are set ({@code host:port} or {@code http://host:port}).
     */
    public static GcsSettings fromEnvironment(Map<String, String> environment) {
        GcsSettings settings = defaults();
        String project = environment.get(PROJECT_VARIABLE);
        if (project != null && !project.isBlank()) {
            settings = settings.withProjectId(project.trim());
        }
        String emulator = environment.get(EMULATOR_HOST_VARIABLE);
        if (emulator != null && !emulator.isBlank()) {
            settings = settings.withEmulatorHost(emulatorUri(emulator.trim()));
        }
        return settings;
    }

    /** Reads an emulator address the way the Google clients accept it: with or without {@code http://}. */
    public static URI emulatorUri(String value) {
        String withScheme = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = URI.create(withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EMULATOR_HOST_VARIABLE + " '" + value + "' is not a valid address", e);
        }
        if (uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw new IllegalArgumentException(
                    EMULATOR_HOST_VARIABLE + " '" + value + "' must be host:port or http://host:port");
        }
        return uri;
    }

    public GcsSettings withProjectId(String projectId) {
        return new GcsSettings(
                Option.of(projectId),
                emulatorHost,
                connectTimeout,
                readTimeout,
                totalRetryTime,
                initialRetryDelay,
                maxAttempts,
                maxConcurrentRequests);
    }

    public GcsSettings withEmulatorHost(URI emulatorHost) {
        return new GcsSettings(
                projectId,
                Option.of(emulatorHost),
                connectTimeout,
                readTimeout,
                totalRetryTime,
                initialRetryDelay,
                maxAttempts,
                maxConcurrentRequests);
    }

    public GcsSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new GcsSettings(
                projectId,
                emulatorHost,
                connectTimeout,
                readTimeout,
                totalRetryTime,
                initialRetryDelay,
                maxAttempts,
                maxConcurrentRequests);
    }

    public GcsSettings withRetries(Duration totalRetryTime, Duration initialRetryDelay, int maxAttempts) {
        return new GcsSettings(
                projectId,
                emulatorHost,
                connectTimeout,
                readTimeout,
                totalRetryTime,
                initialRetryDelay,
                maxAttempts,
                maxConcurrentRequests);
    }

    public GcsSettings withMaxConcurrentRequests(int maxConcurrentRequests) {
        return new GcsSettings(
                projectId,
                emulatorHost,
                connectTimeout,
                readTimeout,
                totalRetryTime,
                initialRetryDelay,
                maxAttempts,
                maxConcurrentRequests);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("GCS " + name + " must be positive, got " + duration);
        }
    }
}
