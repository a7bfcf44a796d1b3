package io.feedstore.adapters.gcs;

import static io.feedstore.testkit.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.gcsserver.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A small object at a listed generation costs one request; a large one is still read in ranges. */
class GcsListedReadsTest {

    private GcsFixture fixture;
    private GcsStore store;

    @BeforeEach
    void start() {
        fixture = new GcsFixture(1000);
        store = fixture.open(fixture.uniqueStoreUri(), fixture.settings());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSmallObjectAtItsListedGenerationIsReadWholeInOneRequest() throws Exception {
        byte[] content = "Åsa Lindqvist – “pressmeddelande” från Jyväskylä 日本 🚀".getBytes(StandardCharsets.UTF_8);
        ObjectKey key = ObjectKey.of("release_date=2025-08-18/msgId=m1.parquet");
        right(store.createIfAbsent(key, content));
        ObjectInfo listed =
                right(store.list(KeyPrefix.of("release_date=2025-08-18/"))).get(0);
        fixture.server.stats().reset();

        try (ObjectContent opened = right(store.open(key, ReadCondition.listed(listed)))) {
            byte[] footer = new byte[8];
            opened.readFully(opened.size() - 8, footer, 0, 8);
            assertThat(opened.readAll()).isEqualTo(content);
        }

        assertThat(fixture.server.stats().count(Operation.DOWNLOAD)).isEqualTo(1);
        assertThat(fixture.server.stats().count(Operation.METADATA)).isZero();
    }

    @Test
    void anObjectAboveTheLimitIsOpenedAndReadInRangesNotHeldWhole() throws Exception {
        byte[] content = new byte[(int) GcsObjectStore.WHOLE_READ_LIMIT + 1];
        new Random(7).nextBytes(content);
        ObjectKey key = ObjectKey.of("release_date=2025-08-18/part-20250818T091244.parquet");
        right(store.createIfAbsent(key, content));
        ObjectInfo listed =
                right(store.list(KeyPrefix.of("release_date=2025-08-18/"))).get(0);
        fixture.server.stats().reset();

        try (ObjectContent opened = right(store.open(key, ReadCondition.listed(listed)))) {
            byte[] footer = new byte[8];
            opened.readFully(opened.size() - 8, footer, 0, 8);
            assertThat(footer).isEqualTo(Arrays.copyOfRange(content, content.length - 8, content.length));
        }

        assertThat(fixture.server.stats().count(Operation.METADATA)).isEqualTo(1);
        assertThat(fixture.server.stats().count(Operation.DOWNLOAD)).isEqualTo(1);
    }
}
