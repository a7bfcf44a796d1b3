package io.feedstore.bootstrap.errors;

/** The exit codes of every command, as the README documents them. */
public final class ExitCode {

    /** Everything succeeded (consolidation anomalies are warnings, not failures). */
    public static final int OK = 0;
    /** A line was rejected, a partition failed or conflicted, or the store failed. */
    public static final int FAILED = 1;
    /** Bad arguments or configuration; nothing was attempted. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
