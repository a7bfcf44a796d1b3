package io.feedstore.adapters.gcs;

import io.feedstore.gcsserver.GcsTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GCS test server on an ephemeral loopback port, and GCS stores opened against it under unique prefixes,
 * closed together. Timeouts and back-off are short so that fault tests run in seconds.
 */
final class GcsFixture implements AutoCloseable {

    static final String BUCKET = "feedstore-test";

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final GcsTestServer server;
    private final List<GcsStore> opened = new ArrayList<>();

    GcsFixture(int maxPageSize) {
        server = GcsTestServer.start(GcsTestServer.Options.defaults().withMaxPageSize(maxPageSize));
        server.createBucket(BUCKET);
    }

    /** Short timeouts, fast back-off, retries up to 5 s: a fault test finishes quickly either way. */
    GcsSettings settings() {
        return GcsSettings.defaults()
                .withEmulatorHost(server.endpoint())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(Duration.ofSeconds(5), Duration.ofMillis(20), 6)
                .withMaxConcurrentRequests(8);
    }

    /** A fresh store, empty because its prefix was never used. */
    GcsStore newStore() {
        return open(uniqueStoreUri(), settings());
    }

    URI uniqueStoreUri() {
        return URI.create("gs://" + BUCKET + "/run-" + PREFIXES.incrementAndGet() + "/store");
    }

    synchronized GcsStore open(URI uri, GcsSettings settings) {
        GcsStore store = GcsObjectStores.open(uri, settings);
        opened.add(store);
        return store;
    }

    @Override
    public synchronized void close() {
        opened.forEach(GcsStore::close);
        opened.clear();
        server.close();
    }
}
