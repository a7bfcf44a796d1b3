package io.feedstore.domain.store;

import java.util.Objects;

/**
 * When a write may happen, as GCS states it ({@code doesNotExist()}, {@code generationMatch(g)}): only if no
 * object has the key, or only if the object still has the generation the caller saw.
 */
public sealed interface WriteCondition {

    static WriteCondition ifAbsent() {
        return IfAbsent.IF_ABSENT;
    }

    static WriteCondition ifGeneration(Generation expected) {
        return new IfGeneration(expected);
    }

    /** Creates the object; {@link StoreFailure.PreconditionFailed} when one already has the key. */
    enum IfAbsent implements WriteCondition {
        IF_ABSENT;

        @Override
        public String toString() {
            return "if absent";
        }
    }

    /**
     * Replaces the object only while it has generation {@code expected}; {@link StoreFailure.PreconditionFailed}
     * when it has another one or no longer exists (as GCS answers 412 in both cases).
     */
    record IfGeneration(Generation expected) implements WriteCondition {

        public IfGeneration {
            Objects.requireNonNull(expected, "expected generation");
        }

        @Override
        public String toString() {
            return "if generation " + expected;
        }
    }
}
