package io.feedstore.application;

import java.util.Objects;

/** An email ingestion stopped because the store failed; what it had done so far, and re-running is safe. */
public final class EmailIngestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient EmailIngestReport partial;

    public EmailIngestException(String message, EmailIngestReport partial, Throwable cause) {
        super(message, cause);
        this.partial = Objects.requireNonNull(partial, "partial");
    }

    public EmailIngestReport partial() {
        return partial;
    }
}
