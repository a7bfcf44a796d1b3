package io.feedstore.domain.store;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * Why a store call did not happen. The three cases mean different things to callers: a precondition failure
 * means somebody else changed the object (a lost race, never retried blindly), not-found means it is gone, and
 * an I/O failure means the store could not be reached or refused for another reason.
 */
public sealed interface StoreFailure {

    String message();

    /** The object exists when it should not, or no longer has the generation the caller saw. */
    record PreconditionFailed(ObjectKey key, String detail) implements StoreFailure {
        public PreconditionFailed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String message() {
            return "precondition failed for " + key + ": " + detail;
        }
    }

    /** No object has this key. */
    record NotFound(ObjectKey key) implements StoreFailure {
        public NotFound {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String message() {
            return "no object " + key;
        }
    }

    /** The store failed; {@code target} names the store and key or prefix. */
    record IoFailure(String target, String detail, Option<Throwable> cause) implements StoreFailure {
        public IoFailure {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(cause, "cause");
        }

        public static IoFailure of(String target, Throwable cause) {
            return new IoFailure(
                    target, String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()), Option.of(cause));
        }

        @Override
        public String message() {
            return "I/O failure on " + target + ": " + detail;
        }
    }
}
