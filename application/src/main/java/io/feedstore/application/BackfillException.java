package io.feedstore.application;

/** A backfill that could not start: the store could not be listed. */
public final class BackfillException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackfillException(String message) {
        super(message);
    }
}
