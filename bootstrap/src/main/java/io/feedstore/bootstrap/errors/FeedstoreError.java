package io.feedstore.bootstrap.errors;

/**
 * A failure the user can act on, with the exit code it ends the command with. The message is the whole story in
 * one line (what, which input, why); the command line prints it without a stack trace.
 */
public final class FeedstoreError extends RuntimeException {

    private final int exitCode;

    private FeedstoreError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad settings or arguments: exit code 2, nothing was attempted. */
    public static FeedstoreError configuration(String message) {
        return new FeedstoreError(ExitCode.USAGE, message, null);
    }

    public static FeedstoreError configuration(String message, Throwable cause) {
        return new FeedstoreError(ExitCode.USAGE, message, cause);
    }

    /** The work itself failed: exit code 1. */
    public static FeedstoreError failure(String message, Throwable cause) {
        return new FeedstoreError(ExitCode.FAILED, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
