package io.feedstore.application;

import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A batch could not be written. Its records are still buffered in the writer (nothing was dropped), and a later
 * {@link BatchWriter#flush()} tries again.
 */
public final class BatchWriteException extends RuntimeException {

    private final ObjectKey key;
    private final Option<StoreFailure> failure;
    private final String reason;

    public BatchWriteException(ObjectKey key, StoreFailure failure) {
        super(
                "could not write batch " + key + ": " + failure.message()
                        + "; its records are still buffered and the next flush retries",
                failure instanceof StoreFailure.IoFailure io ? io.cause().getOrNull() : null);
        this.key = Objects.requireNonNull(key, "key");
        this.failure = Option.of(failure);
        this.reason = "could not write batch " + key + ": " + failure.message();
    }

    public BatchWriteException(ObjectKey key, String reason, Throwable cause) {
        super(
                "could not write batch " + key + ": " + reason
                        + "; its records are still buffered and the next flush retries",
                cause);
        this.key = Objects.requireNonNull(key, "key");
        this.failure = Option.none();
        this.reason = "could not write batch " + key + ": " + reason;
    }

    /** What went wrong, without the advice to flush again (for a caller that does not). */
    public String reason() {
        return reason;
    }

    /** The key the batch was to be written under. */
    public ObjectKey key() {
        return key;
    }

    /** What the store answered, when the store answered at all. */
    public Option<StoreFailure> failure() {
        return failure;
    }
}
