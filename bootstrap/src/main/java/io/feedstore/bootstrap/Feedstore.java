package io.feedstore.bootstrap;

import io.feedstore.application.ArchiveAndAdd;
import io.feedstore.application.ArchiveRawItems;
import io.feedstore.application.BatchWriter;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.settings.Setting;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.bootstrap.wiring.WiredStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * feedstore as a library, for JVM code such as ingestion jobs: one open store, wired exactly as the command line
 * wires it (same settings, same adapters, same encodings), handing out the batch writer and the loader. Close it
 * when done: a GCS store holds threads and connections.
 *
 * <pre>{@code
 * try (Feedstore feedstore = Feedstore.open(URI.create("gs://my-bucket"));
 *      BatchWriter writer = feedstore.batchWriter()) {
 *     writer.add(release);
 * }
 * }</pre>
 *
 * <p>Every setting but the store comes from the environment variables the command line reads
 * ({@code CONSOLIDATION_MIN_ROWS}, {@code FEEDSTORE_BATCH_SIZE}, {@code PROJECT_ID}, ...), or from the map given to
 * {@link #open(URI, Map)}. It never configures logging: that is the host application's choice.
 */
public final class Feedstore implements AutoCloseable {

    private final WiredStore wired;

    private Feedstore(WiredStore wired) {
        this.wired = wired;
    }

    /**
     * Opens the store at {@code store} ({@code file:PATH} or {@code gs://BUCKET[/PREFIX]}), the other settings from
     * the process environment. A local store directory is created if missing.
     *
     * @throws IllegalArgumentException when a setting or the store location is invalid (the message says which)
     */
    public static Feedstore open(URI store) {
        return open(store, System.getenv());
    }

    /**
     * As {@link #open(URI)}, with the settings read from {@code configuration} instead of the process environment,
     * under the same names ({@code CONSOLIDATION_MIN_ROWS}, {@code FEEDSTORE_BATCH_SIZE}, {@code PROJECT_ID},
     * {@code STORAGE_EMULATOR_HOST}, ...).
     */
    public static Feedstore open(URI store, Map<String, String> configuration) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(configuration, "configuration");
        try {
            Settings settings =
                    Settings.resolve(Map.of(Setting.STORE, store.toString()), false, configuration, Clock.systemUTC());
            return new Feedstore(WiredStore.wire(settings, true));
        } catch (FeedstoreError e) {
            throw e.exitCode() == ExitCode.USAGE
                    ? new IllegalArgumentException(e.getMessage(), e)
                    : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A new batch writer on this store, with the configured batch size and batch encoding. It buffers records per
     * partition; {@link BatchWriter#close()} writes what is left, so close it (try-with-resources) before this.
     */
    public BatchWriter batchWriter() {
        return wired.get(BatchWriter.class);
    }

    /**
     * Archive and add in one call: each raw item (an email, a page) is kept in bronze create-only, then its press
     * release goes through a new batch writer with the item's archive time as {@code ingested_at}. Close it
     * (try-with-resources) before this, to write what is left.
     *
     * <pre>{@code
     * try (ArchiveAndAdd archive = feedstore.archive()) {
     *     archive.page(item, html, entry, Option.of(finalUrl), release);
     * }
     * }</pre>
     */
    public ArchiveAndAdd archive() {
        return new ArchiveAndAdd(wired.get(ArchiveRawItems.class), wired.get(BatchWriter.class));
    }

    /** The loader: each press release of a date range once, in its newest version. */
    public LoadPressReleases loader() {
        return wired.get(LoadPressReleases.class);
    }

    /** Where the store is, for messages: {@code gs://bucket/prefix} or the local directory. */
    public String describe() {
        return wired.describe();
    }

    /** Releases the store's threads and connections (a GCS store); idempotent. */
    @Override
    public void close() {
        wired.close();
    }
}
