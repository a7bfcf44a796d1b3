package io.feedstore.adapters.gcs;

import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.ObjectStoreContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The GCS adapter honours the whole object-store contract, over HTTP with the real Google client, against the
 * GCS test server. Listing pages hold at most 3 entries, so every listing of more than 3 objects is only
 * complete if the adapter follows the page tokens. Another instance is another client, as another process.
 */
class GcsObjectStoreContractTest extends ObjectStoreContract {

    private static GcsFixture fixture;

    @BeforeAll
    static void startServer() {
        fixture = new GcsFixture(3);
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @Override
    protected ObjectStore createStore() {
        return fixture.newStore();
    }

    @Override
    protected ObjectStore sameStoreViaAnotherInstance(ObjectStore store) {
        return fixture.open(URI.create(store.describe()), fixture.settings());
    }
}
