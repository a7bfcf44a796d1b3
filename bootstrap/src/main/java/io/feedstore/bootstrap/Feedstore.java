package io.feedstore.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.feedstore.application.BatchWriter;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.domain.store.ObjectStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

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

    private final Injector injector;
    private final Settings settings;
    private final ObjectStore store;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Feedstore(Injector injector) {
        this.injector = injector;
        this.settings = injector.getInstance(Settings.class);
        this.store = injector.getInstance(ObjectStore.class);
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
            Settings settings = Settings.resolve(Map.of(Setting.STORE, store.toString()), false, configuration,
                    Clock.systemUTC());
            return wire(settings, true);
        } catch (FeedstoreError e) {
            throw e.exitCode() == ExitCode.USAGE
                    ? new IllegalArgumentException(e.getMessage(), e)
                    : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The wiring the command line uses; a bad setting or location is a {@link FeedstoreError}. */
    static Feedstore wire(Settings settings, boolean mayCreateStore) {
        try {
            return new Feedstore(Guice.createInjector(Stage.PRODUCTION, new FeedstoreModule(settings, mayCreateStore)));
        } catch (CreationException e) {
            throw unwrap(e, e.getErrorMessages());
        } catch (ProvisionException e) {
            throw unwrap(e, e.getErrorMessages());
        }
    }

    /**
     * A new batch writer on this store, with the configured batch size and batch encoding. It buffers records per
     * partition; {@link BatchWriter#close()} writes what is left, so close it (try-with-resources) before this.
     */
    public BatchWriter batchWriter() {
        return injector.getInstance(BatchWriter.class);
    }

    /** The loader: each press release of a date range once, in its newest version. */
    public LoadPressReleases loader() {
        return injector.getInstance(LoadPressReleases.class);
    }

    /** Where the store is, for messages: {@code gs://bucket/prefix} or the local directory. */
    public String describe() {
        return store.describe();
    }

    /** Releases the store's threads and connections (a GCS store); idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + store.describe() + ": " + e.getMessage(), e);
            }
        }
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    Settings settings() {
        return settings;
    }

    ObjectStore store() {
        return store;
    }

    /** Guice wraps what a provider throws; the user needs the original one-line reason. */
    private static RuntimeException unwrap(RuntimeException guice, Iterable<Message> messages) {
        for (Message message : messages) {
            for (Throwable t = message.getCause(); t != null; t = t.getCause()) {
                if (t instanceof FeedstoreError error) {
                    return error;
                }
            }
        }
        return guice;
    }
}
