package io.feedstore.application;

import java.util.Objects;

/**
 * Ingestion stopped: the batch writer or the store failed. {@link #partial()} says what was done before that,
 * including the rejected lines and whether their dead letters were stored, so the caller can still report them.
 */
public final class IngestException extends RuntimeException {

    private final transient IngestReport partial;

    public IngestException(String message, IngestReport partial, Throwable cause) {
        super(message, cause);
        this.partial = Objects.requireNonNull(partial, "partial");
    }

    public IngestReport partial() {
        return partial;
    }
}
