package io.feedstore.adapters.gcs;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.AbstractNoLossModelTest;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The no-loss model end to end on GCS semantics: Parquet files through the GCS adapter and the Google client,
 * over HTTP, on the test server (listing pages of 3, so partitions span pages). Crashes, failing flushes and
 * racing consolidations come from the model; every one of its generation preconditions is a real HTTP 412 here.
 */
class NoLossModelGcsTest extends AbstractNoLossModelTest {

    private static GcsFixture fixture;
    private final RecordCodec codec = new ParquetRecordCodec();

    @BeforeAll
    static void startServer() {
        fixture = new GcsFixture(3);
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @Override
    protected ObjectStore newStore() {
        return fixture.newStore();
    }

    @Override
    protected RecordCodec codec() {
        return codec;
    }

    @Override
    protected int examples() {
        return 15;
    }
}
