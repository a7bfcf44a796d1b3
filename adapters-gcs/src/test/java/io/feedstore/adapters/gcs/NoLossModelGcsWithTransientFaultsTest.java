package io.feedstore.adapters.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.AbstractNoLossModelTest;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.gcsserver.Fault;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The no-loss model on GCS with one request in fifteen meeting a transient fault: 503, 429, a connection dropped
 * before the server acted, or an answer lost after it acted (the case where a retried conditional write meets
 * its own object). The client's retries and the adapter's write ids must absorb them all: the model's
 * assertions are unchanged, so any record lost, any false conflict and any failed partition fails the test.
 */
class NoLossModelGcsWithTransientFaultsTest extends AbstractNoLossModelTest {

    private static GcsFixture fixture;
    private final RecordCodec codec = new ParquetRecordCodec();

    @BeforeAll
    static void startServerWithFaults() {
        fixture = new GcsFixture(3);
        fixture.server
                .faults()
                .randomly(
                        1.0 / 15,
                        20_251_128L,
                        List.of(
                                Fault.unavailable(),
                                Fault.tooManyRequests(),
                                Fault.dropConnection(),
                                Fault.dropResponse()));
    }

    @AfterAll
    static void stopServer() {
        int injected = fixture.server.faults().injected();
        fixture.close();
        // The test proves nothing if no fault was met.
        assertThat(injected).as("faults injected").isGreaterThan(50);
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
        return 8;
    }
}
