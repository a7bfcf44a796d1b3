package io.feedstore.domain.store;

import io.vavr.control.Either;
import java.io.IOException;
import java.util.Objects;

/** Which generation of an object a read wants: whatever it has now, or exactly the one a caller saw before. */
public sealed interface ReadCondition {

    static ReadCondition latest() {
        return Latest.LATEST;
    }

    /** Only generation {@code expected}, so that several passes over an object read the same bytes. */
    static ReadCondition atGeneration(Generation expected) {
        return new AtGeneration(expected);
    }

    /**
     * Exactly the generation a listing gave, whose size the listing also gave: a store may read a small object
     * whole in one request instead of opening it and reading ranges.
     */
    static ReadCondition listed(ObjectInfo listed) {
        return new Listed(listed);
    }

    /**
     * {@code opened} if it satisfies this condition, otherwise closed and {@link StoreFailure.PreconditionFailed}:
     * for a store that opens the live generation and checks it afterwards.
     */
    Either<StoreFailure, ObjectContent> admit(ObjectContent opened);

    /** The generation the object has when it is opened. */
    enum Latest implements ReadCondition {
        LATEST;

        @Override
        public Either<StoreFailure, ObjectContent> admit(ObjectContent opened) {
            return Either.right(opened);
        }

        @Override
        public String toString() {
            return "latest";
        }
    }

    /** Exactly generation {@code expected}; another one is a precondition failure. */
    record AtGeneration(Generation expected) implements ReadCondition {

        public AtGeneration {
            Objects.requireNonNull(expected, "expected generation");
        }

        @Override
        public Either<StoreFailure, ObjectContent> admit(ObjectContent opened) {
            if (opened.generation().equals(expected)) {
                return Either.right(opened);
            }
            try {
                opened.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost by a failed close
            }
            return Either.left(new StoreFailure.PreconditionFailed(
                    opened.key(), "expected generation " + expected + " but found " + opened.generation()));
        }

        @Override
        public String toString() {
            return "at generation " + expected;
        }
    }

    /**
     * Exactly the generation of a listing entry, as {@link AtGeneration}; its size lets a store choose how to read
     * it. A store that reads the generation directly may answer its bytes even after it was replaced, if it still
     * keeps them (a versioned bucket), but never another generation's bytes.
     */
    record Listed(ObjectInfo listed) implements ReadCondition {

        public Listed {
            Objects.requireNonNull(listed, "listed");
        }

        @Override
        public Either<StoreFailure, ObjectContent> admit(ObjectContent opened) {
            return new AtGeneration(listed.generation()).admit(opened);
        }

        @Override
        public String toString() {
            return "at listed generation " + listed.generation();
        }
    }
}
