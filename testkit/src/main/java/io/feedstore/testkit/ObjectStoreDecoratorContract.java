package io.feedstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectAttributes;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store decorator (crashes, interception, counting) must keep: each operation reaches the wrapped
 * store as that same operation, so a test that wraps the local or GCS adapter runs the adapter's own ranged
 * reads, staged writes and bulk calls, never the port's fallbacks. A decorator's test extends this class.
 */
public abstract class ObjectStoreDecoratorContract {

    /** {@code store} wrapped by the decorator under test, configured to pass calls on (no crash, no failure). */
    protected abstract ObjectStore decorate(ObjectStore store);

    private static final ObjectKey LINDQVIST = ObjectKey.of("silver/source=rss/lindqvist-lindqvist–jyväskylä.parquet");
    private static final ObjectKey FERRY = ObjectKey.of("silver/source=rss/ferry-“færge”-東京-🚢.parquet");
    private static final byte[] CONTENT = "Åsa Lindqvist – “Jyväskylä” 東京 🚢".getBytes(StandardCharsets.UTF_8);

    private final RecordingObjectStore probe = new RecordingObjectStore();
    private ObjectStore decorated;
    private Generation lindqvist;
    private Generation ferry;

    @BeforeEach
    void twoObjects() {
        lindqvist = Results.right(probe.unrecorded().createIfAbsent(LINDQVIST, CONTENT));
        ferry = Results.right(probe.unrecorded().createIfAbsent(FERRY, CONTENT));
        decorated = decorate(probe);
    }

    @Test
    void listingReachesTheStoreAsAListing() {
        Results.right(decorated.list(KeyPrefix.of("silver/")));
        assertThat(probe.calls()).containsExactly("list");
    }

    @Test
    void aWholeReadReachesTheStoreAsAWholeRead() {
        assertThat(Results.right(decorated.read(LINDQVIST)).content()).isEqualTo(CONTENT);
        assertThat(probe.calls()).containsExactly("read");
    }

    @Test
    void openingReachesTheStoreAsTheStoresOwnOpenAndItsRangesReadTheStoredBytes() throws IOException {
        try (ObjectContent content = Results.right(decorated.open(LINDQVIST, ReadCondition.latest()))) {
            assertThat(rangeOf(content)).isEqualTo(Arrays.copyOfRange(CONTENT, 2, 9));
        }
        assertThat(probe.calls()).containsExactly("open Latest");
    }

    @Test
    void openingAtAGenerationReachesTheStoreAsTheStoresPinnedOpen() throws IOException {
        try (ObjectContent content = Results.right(decorated.open(LINDQVIST, ReadCondition.atGeneration(lindqvist)))) {
            assertThat(content.generation()).isEqualTo(lindqvist);
            assertThat(rangeOf(content)).isEqualTo(Arrays.copyOfRange(CONTENT, 2, 9));
        }
        assertThat(probe.calls()).containsExactly("open AtGeneration");
    }

    @Test
    void openingManyReachesTheStoreOnlyThroughItsBulkOpen() throws IOException {
        Map<ObjectKey, Either<StoreFailure, ObjectContent>> opened =
                BulkCalls.openAll(decorated, List.of(LINDQVIST, FERRY));
        assertThat(opened).containsOnlyKeys(LINDQVIST, FERRY);
        for (Either<StoreFailure, ObjectContent> content : opened.values()) {
            try (ObjectContent open = Results.right(content)) {
                assertThat(open.readAll()).isEqualTo(CONTENT);
            }
        }
        assertThat(probe.calls()).isNotEmpty().containsOnly("openAll");
    }

    @Test
    void readingManyReachesTheStoreOnlyThroughItsBulkRead() {
        assertThat(BulkCalls.readAll(decorated, List.of(LINDQVIST, FERRY))).containsOnlyKeys(LINDQVIST, FERRY);
        assertThat(probe.calls()).isNotEmpty().containsOnly("readAll");
    }

    @Test
    void conditionalWritesOfArraysReachTheStoreAsTheSameWrites() {
        ObjectKey fresh = ObjectKey.of("silver/source=rss/new-“nyhet”.parquet");
        Generation created = Results.right(decorated.createIfAbsent(fresh, CONTENT));
        Results.right(decorated.replaceIfUnchanged(fresh, created, CONTENT));
        assertThat(probe.calls()).containsExactly("createIfAbsent", "replaceIfUnchanged");
    }

    @Test
    void streamedWritesReachTheStoreAsItsStagedWritesWithTheWritersContent() {
        ObjectKey fresh = ObjectKey.of("silver/source=rss/new-“nyhet”.parquet");
        ContentWriter writer = out -> {
            out.write(CONTENT, 0, 5);
            out.write(CONTENT, 5, CONTENT.length - 5);
        };
        Generation created = Results.right(decorated.write(fresh, WriteCondition.ifAbsent(), writer));
        Generation replaced = Results.right(decorated.write(fresh, WriteCondition.ifGeneration(created), writer));
        assertThat(probe.calls()).containsExactly("write IfAbsent", "write IfGeneration");
        assertThat(Results.right(probe.unrecorded().read(fresh)).content()).isEqualTo(CONTENT);
        assertThat(Results.right(probe.unrecorded().read(fresh)).generation()).isEqualTo(replaced);
    }

    @Test
    void aCreateWithAttributesAndADetailsReadReachTheStoreAsTheSameCalls() {
        ObjectKey fresh = ObjectKey.of("bronze_raw/source=rss/dt=2025-01-14/msgId=x/content.html.gz");
        ObjectAttributes attributes = ObjectAttributes.of("text/html")
                .encodedAs("gzip")
                .withMetadata(Map.of("url", "https://jyväskylä.fi/tiedote–åsa"));
        Results.right(decorated.createIfAbsent(fresh, attributes, CONTENT));
        assertThat(Results.right(decorated.details(fresh)).attributes()).isEqualTo(attributes);
        assertThat(probe.calls()).containsExactly("createIfAbsent with attributes", "details");
    }

    @Test
    void aStreamedCreateWithAttributesReachesTheStoreAsItsStreamedCreateWithTheWritersContent() {
        ObjectKey fresh = ObjectKey.of("bronze_raw/source=gmail/dt=2025-01-14/msgId=18e3c5a1b2c3d4e5/message.eml");
        ObjectAttributes attributes =
                ObjectAttributes.of("message/rfc822").withMetadata(Map.of("from", "Åsa Lindqvist – Ærø"));
        ContentWriter writer = out -> {
            out.write(CONTENT, 0, 5);
            out.write(CONTENT, 5, CONTENT.length - 5);
        };
        Results.right(decorated.createIfAbsent(fresh, attributes, writer));
        assertThat(probe.calls()).containsExactly("createIfAbsent with attributes, streamed");
        assertThat(Results.right(probe.unrecorded().read(fresh)).content()).isEqualTo(CONTENT);
        assertThat(Results.right(probe.unrecorded().details(fresh)).attributes())
                .isEqualTo(attributes);
    }

    @Test
    void aConditionalDeleteReachesTheStoreAsTheSameDelete() {
        Results.right(decorated.deleteIfUnchanged(LINDQVIST, lindqvist));
        assertThat(probe.calls()).containsExactly("deleteIfUnchanged");
    }

    @Test
    void deletingManyReachesTheStoreOnlyThroughItsBulkDelete() {
        Map<ObjectKey, Generation> both = new LinkedHashMap<>();
        both.put(LINDQVIST, lindqvist);
        both.put(FERRY, ferry);
        assertThat(BulkCalls.deleteAllIfUnchanged(decorated, both).values()).allMatch(Either::isRight);
        assertThat(probe.calls()).isNotEmpty().containsOnly("deleteAllIfUnchanged");
        assertThat(Results.right(probe.unrecorded().list(KeyPrefix.ROOT))).isEmpty();
    }

    private static byte[] rangeOf(ObjectContent content) throws IOException {
        byte[] range = new byte[7];
        content.readFully(2, range, 0, 7);
        return range;
    }
}
