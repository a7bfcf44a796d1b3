package io.feedstore.bootstrap;

/** The exit codes of every command, as the README documents them. */
final class ExitCode {

    /** Everything succeeded (consolidation anomalies are warnings, not failures). */
    static final int OK = 0;
    /** A line was rejected, a partition failed or conflicted, or the store failed. */
    static final int FAILED = 1;
    /** Bad arguments or configuration; nothing was attempted. */
    static final int USAGE = 2;

    private ExitCode() {
    }
}
