package io.feedstore.bootstrap.wiring;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.domain.store.ObjectStore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open store with the use cases wired on it by {@link FeedstoreModule}: what each command and the library
 * entry point work with. Close it when done: a GCS store holds threads and connections.
 */
public final class WiredStore implements AutoCloseable {

    private final Injector injector;
    private final Settings settings;
    private final ObjectStore store;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WiredStore(Injector injector) {
        this.injector = injector;
        this.settings = injector.getInstance(Settings.class);
        this.store = injector.getInstance(ObjectStore.class);
    }

    /**
     * Opens the store the settings name and wires everything on it; a bad setting or location is a
     * {@link FeedstoreError}.
     *
     * @param mayCreateStore whether a missing local store directory may be created (commands that write)
     */
    public static WiredStore wire(Settings settings, boolean mayCreateStore) {
        try {
            return new WiredStore(
                    Guice.createInjector(Stage.PRODUCTION, new FeedstoreModule(settings, mayCreateStore)));
        } catch (CreationException e) {
            throw unwrap(e, e.getErrorMessages());
        } catch (ProvisionException e) {
            throw unwrap(e, e.getErrorMessages());
        }
    }

    /** The wired instance of {@code type}: a use case, a port, or a setting derived for one. */
    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    public Settings settings() {
        return settings;
    }

    public ObjectStore store() {
        return store;
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
