package io.feedstore.bootstrap.settings;

/**
 * Every setting feedstore reads, with its flag (if any), its environment variable, its default and the values it
 * accepts, as the README's configuration table documents them. {@link Settings#resolve} reads them; a test keeps
 * the README table and this list in step.
 */
public enum Setting {
    STORE(
            "--store",
            Settings.STORE_VARIABLE,
            "`gs://$GCS_BUCKET` if `GCS_BUCKET` is set, else `file:./feedstore-data`",
            "file:PATH or gs://BUCKET[/PREFIX]"),
    GCS_BUCKET(
            null,
            "GCS_BUCKET",
            "none",
            "a bucket name (lowercase letters, digits, '-', '_', '.'); for a prefix set FEEDSTORE_STORE=gs://BUCKET/PREFIX"),
    PROJECT_ID(null, "PROJECT_ID", "the Google client's own discovery", "a Google Cloud project id, without spaces"),
    STORAGE_EMULATOR_HOST(
            null, "STORAGE_EMULATOR_HOST", "none (the real Cloud Storage)", "host:port or http://host:port"),
    MIN_ROWS("--min-rows", Settings.MIN_ROWS_VARIABLE, "`50`", "a whole number of rows, 0 or more"),
    BATCH_SIZE("--batch-size", "FEEDSTORE_BATCH_SIZE", "`100`", "a whole number of records, 1 to 1000000"),
    REPLAY_READERS("--readers", "FEEDSTORE_REPLAY_READERS", "`16`", "a whole number of readers, 1 to 1024"),
    EMAIL_ARCHIVERS("--archivers", "FEEDSTORE_EMAIL_ARCHIVERS", "`8`", "a whole number of archivers, 1 to 1024"),
    MAX_FUTURE_SKEW("--max-future-skew", "FEEDSTORE_MAX_FUTURE_SKEW", "`10m`", Settings.DURATION),
    COMPRESSION(null, "FEEDSTORE_COMPRESSION", "`zstd`", "zstd, gzip, snappy or uncompressed"),
    COMPRESSION_LEVEL(
            null,
            "FEEDSTORE_COMPRESSION_LEVEL",
            "`9` for zstd, `6` for gzip",
            "1..22 for zstd, 0..9 for gzip, nothing for snappy or uncompressed"),
    BATCH_COMPRESSION(
            null,
            "FEEDSTORE_BATCH_COMPRESSION",
            "`snappy`",
            "snappy, zstd, gzip or uncompressed (zstd at level 3, gzip at 6)"),
    ROW_GROUP_ROWS(null, "FEEDSTORE_ROW_GROUP_ROWS", "`10000`", "a whole number of rows, 1 to 10000000"),
    GCS_CONCURRENCY(null, "FEEDSTORE_GCS_CONCURRENCY", "`16`", "a whole number of requests, 1 to 1024"),
    GCS_CONNECT_TIMEOUT(null, "FEEDSTORE_GCS_CONNECT_TIMEOUT", "`5s`", Settings.DURATION),
    GCS_READ_TIMEOUT(null, "FEEDSTORE_GCS_READ_TIMEOUT", "`20s`", Settings.DURATION),
    GCS_RETRY_TIMEOUT(null, "FEEDSTORE_GCS_RETRY_TIMEOUT", "`30s`", Settings.DURATION),
    GCS_RETRY_DELAY(null, "FEEDSTORE_GCS_RETRY_DELAY", "`1s`", Settings.DURATION),
    GCS_MAX_ATTEMPTS(null, "FEEDSTORE_GCS_MAX_ATTEMPTS", "`6`", "a whole number of attempts, 1 to 100"),
    LOG_FORMAT("--log-format", "FEEDSTORE_LOG_FORMAT", "`text` (`json` in the container image)", "text or json"),
    LOG_LEVEL(
            "--log-level",
            "FEEDSTORE_LOG_LEVEL",
            "`warn` with text logs, `info` with JSON logs",
            "error, warn, info, debug or trace");

    private final String flag;
    private final String variable;
    private final String defaultText;
    private final String accepted;

    Setting(String flag, String variable, String defaultText, String accepted) {
        this.flag = flag;
        this.variable = variable;
        this.defaultText = defaultText;
        this.accepted = accepted;
    }

    /** The command-line flag, or null when the setting is read from the environment only. */
    public String flag() {
        return flag;
    }

    public String variable() {
        return variable;
    }

    /** The default, as the README writes it. */
    String defaultText() {
        return defaultText;
    }

    /** What values are accepted, for error messages. */
    String accepted() {
        return accepted;
    }
}
