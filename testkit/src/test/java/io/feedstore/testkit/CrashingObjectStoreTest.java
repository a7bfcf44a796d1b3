package io.feedstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrashingObjectStoreTest {

    private static final ObjectKey A = ObjectKey.of("t/a");
    private static final ObjectKey B = ObjectKey.of("t/b");
    private static final ObjectKey C = ObjectKey.of("t/c");
    private static final byte[] X = "x".getBytes(StandardCharsets.UTF_8);

    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void crashingBeforeTheNthMutatingCallLeavesItUndone() {
        CrashingObjectStore crashing = CrashingObjectStore.crashBefore(store, 2);
        crashing.createIfAbsent(A, X);
        crashing.list(KeyPrefix.ROOT);
        crashing.read(A);
        assertThat(crashing.crashed()).isFalse();

        assertThatThrownBy(() -> crashing.createIfAbsent(B, X))
                .isInstanceOf(SimulatedCrash.class)
                .hasMessageContaining("before mutating call 2");

        assertThat(crashing.crashed()).isTrue();
        assertThat(store.read(A).isRight()).isTrue();
        assertThat(store.read(B).isLeft()).isTrue();
    }

    @Test
    void crashingAfterTheNthMutatingCallPerformsItButNeverAnswers() {
        CrashingObjectStore crashing = CrashingObjectStore.crashAfter(store, 2);
        var generation = crashing.createIfAbsent(A, X).get();

        assertThatThrownBy(() -> crashing.deleteIfUnchanged(A, generation))
                .isInstanceOf(SimulatedCrash.class)
                .hasMessageContaining("after mutating call 2");

        assertThat(store.read(A).isLeft()).as("the delete was performed").isTrue();
    }

    @Test
    void afterTheCrashNothingReachesTheStore() {
        CrashingObjectStore crashing = CrashingObjectStore.crashBefore(store, 1);
        assertThatThrownBy(() -> crashing.createIfAbsent(A, X)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> crashing.createIfAbsent(C, X)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> crashing.read(A)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> crashing.list(KeyPrefix.ROOT)).isInstanceOf(SimulatedCrash.class);
        assertThat(store.size()).isZero();
        assertThat(crashing.mutatingCalls()).isEqualTo(1);
    }
}
