package io.feedstore.application;

/** Press releases could not be loaded; the message names the file or partition and why. */
public final class LoadException extends RuntimeException {

    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
