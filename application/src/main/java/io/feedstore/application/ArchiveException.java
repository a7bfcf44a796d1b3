package io.feedstore.application;

import io.feedstore.domain.store.StoreFailure;
import java.util.Objects;

/** The store failed while archiving an item: nothing was decided about it, and archiving it again is safe. */
public final class ArchiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StoreFailure failure;

    public ArchiveException(String message, StoreFailure failure) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public StoreFailure failure() {
        return failure;
    }
}
