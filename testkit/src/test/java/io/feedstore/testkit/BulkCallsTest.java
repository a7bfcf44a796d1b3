package io.feedstore.testkit;

import static io.feedstore.testkit.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A store with bulk operations gets one bulk call for many objects; the contract suite checks the outcomes of
 * the one-call-per-object fallback on the stores without them (in memory, local filesystem).
 */
class BulkCallsTest {

    private static final ObjectKey JYVÄSKYLÄ = ObjectKey.of("silver/source=rss/jyväskylä–“uutiset”.parquet");
    private static final ObjectKey ÆRØ = ObjectKey.of("silver/source=rss/ærø-færgen-東京-🚢.parquet");
    private static final byte[] CONTENT = "Åsa Lindqvist – “Ærø”".getBytes(StandardCharsets.UTF_8);

    private final RecordingObjectStore probe = new RecordingObjectStore();

    @Test
    void aStoreWithBulkOperationsGetsOneBulkCallForManyObjects() {
        Generation first = right(probe.unrecorded().createIfAbsent(JYVÄSKYLÄ, CONTENT));
        Generation second = right(probe.unrecorded().createIfAbsent(ÆRØ, CONTENT));
        Map<ObjectKey, Generation> both = new LinkedHashMap<>();
        both.put(JYVÄSKYLÄ, first);
        both.put(ÆRØ, second);

        assertThat(BulkCalls.openAll(probe, List.of(ÆRØ, JYVÄSKYLÄ, ÆRØ))).containsOnlyKeys(ÆRØ, JYVÄSKYLÄ);
        assertThat(BulkCalls.readAll(probe, List.of(JYVÄSKYLÄ, ÆRØ))).containsOnlyKeys(JYVÄSKYLÄ, ÆRØ);
        assertThat(BulkCalls.deleteAllIfUnchanged(probe, both)).containsOnlyKeys(JYVÄSKYLÄ, ÆRØ);

        assertThat(probe.calls()).containsExactly("openAll", "readAll", "deleteAllIfUnchanged");
    }
}
