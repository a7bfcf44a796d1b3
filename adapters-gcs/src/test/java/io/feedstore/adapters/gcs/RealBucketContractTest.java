package io.feedstore.adapters.gcs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.ObjectStoreContract;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Opt-in: the same contract against a real bucket. Set {@code FEEDSTORE_IT_BUCKET} (and have Application Default
 * Credentials, e.g. {@code gcloud auth application-default login}; {@code PROJECT_ID} optional). Everything is
 * written under {@code feedstore-it/<timestamp>-<random>/} and deleted afterwards. Skipped when unset.
 */
class RealBucketContractTest extends ObjectStoreContract {

    static final String BUCKET_VARIABLE = "FEEDSTORE_IT_BUCKET";

    private static String bucket;
    private static String runPrefix;
    private static final List<GcsStore> OPENED = new ArrayList<>();
    private static int stores;

    @BeforeAll
    static void chooseARunPrefix() {
        bucket = System.getenv(BUCKET_VARIABLE);
        if (bucket != null && !bucket.isBlank()) {
            runPrefix = "feedstore-it/" + Instant.now().getEpochSecond() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (runPrefix == null) {
            return;
        }
        try (GcsStore everything = open(URI.create("gs://" + bucket + "/" + runPrefix))) {
            for (ObjectInfo info : everything.list(KeyPrefix.ROOT).getOrElse(List.of())) {
                everything.deleteIfUnchanged(info.key(), info.generation());
            }
        } finally {
            OPENED.forEach(GcsStore::close);
        }
    }

    /** Called first in every test, so every test reports itself skipped, with the reason, when no bucket is set. */
    @Override
    protected ObjectStore createStore() {
        assumeTrue(
                runPrefix != null,
                BUCKET_VARIABLE + " is not set: the contract against a real GCS bucket is "
                        + "skipped (set it, with Application Default Credentials, to run it)");
        return track(open(URI.create("gs://" + bucket + "/" + runPrefix + "/store-" + (++stores))));
    }

    @Override
    protected ObjectStore sameStoreViaAnotherInstance(ObjectStore store) {
        return track(open(URI.create(store.describe())));
    }

    /** Every store call is a round trip to Google: fewer model examples and races than on the local server. */
    @Override
    protected int modelExamples() {
        return 10;
    }

    @Override
    protected int raceRounds() {
        return 3;
    }

    private static GcsStore open(URI uri) {
        return GcsObjectStores.open(uri, GcsSettings.fromEnvironment(System.getenv()));
    }

    private static GcsStore track(GcsStore store) {
        synchronized (OPENED) {
            OPENED.add(store);
        }
        return store;
    }
}
