package io.feedstore.bootstrap.settings;

import io.feedstore.adapters.gcs.GcsSettings;
import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.IngestEmails;
import io.feedstore.application.IngestPressReleases;
import io.feedstore.application.ReplayBronze;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.LogFormat;
import io.feedstore.bootstrap.logging.LogLevel;
import io.feedstore.bootstrap.logging.Secrets;
import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.consolidation.AnomalyRule;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything configurable, resolved once at start and validated as a whole: a flag wins over an environment
 * variable, which wins over the default. A bad value ends the command before anything is touched, with one line
 * naming the setting and the values it accepts.
 *
 * @param replayReaders bronze items {@code replay} reads and parses at once
 * @param emailArchivers messages {@code ingest-email} parses and archives at once
 * @param consolidated how consolidated files are encoded
 * @param batch        how batch files are encoded
 * @param verbose      stack traces of errors are shown
 */
public record Settings(
        StoreUri store,
        int batchSize,
        int replayReaders,
        int emailArchivers,
        Duration maxFutureSkew,
        AnomalyRule anomalyRule,
        EncodingOptions consolidated,
        EncodingOptions batch,
        GcsSettings gcs,
        LogFormat logFormat,
        LogLevel logLevel,
        boolean verbose,
        Clock clock) {

    public static final String STORE_VARIABLE = "FEEDSTORE_STORE";
    public static final String MIN_ROWS_VARIABLE = "CONSOLIDATION_MIN_ROWS";
    public static final String DEFAULT_STORE = "file:./feedstore-data";
    static final String DURATION = "a positive duration such as 500ms, 30s, 2m or PT30S, at most 1h";

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Duration MAX_DURATION = Duration.ofHours(1);
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public Settings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(anomalyRule, "anomalyRule");
        Objects.requireNonNull(consolidated, "consolidated");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(gcs, "gcs");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw FeedstoreError.configuration(Setting.BATCH_SIZE.flag() + " " + batchSize + " must be at least 1");
        }
        if (replayReaders < 1) {
            throw FeedstoreError.configuration(
                    Setting.REPLAY_READERS.flag() + " " + replayReaders + " must be at least 1");
        }
        if (emailArchivers < 1) {
            throw FeedstoreError.configuration(
                    Setting.EMAIL_ARCHIVERS.flag() + " " + emailArchivers + " must be at least 1");
        }
    }

    /** What resolution needs besides the flags: environment variables and the clock. */
    public static Settings resolve(
            Map<Setting, String> flags, boolean verbose, Map<String, String> environment, Clock clock) {
        Sources sources = new Sources(flags, environment);
        LogFormat logFormat = logFormat(sources);
        LogLevel logLevel = verbose
                ? LogLevel.DEBUG
                : sources.get(Setting.LOG_LEVEL, Settings::logLevel)
                        .orElse(logFormat == LogFormat.JSON ? LogLevel.INFO : LogLevel.WARN);
        StoreUri store = store(sources);
        int batchSize = sources.get(Setting.BATCH_SIZE, v -> wholeNumber(v, 1, 1_000_000))
                .orElse(BatchWriterSettings.DEFAULT_BATCH_SIZE);
        int replayReaders = sources.get(Setting.REPLAY_READERS, v -> wholeNumber(v, 1, 1024))
                .orElse(ReplayBronze.DEFAULT_READERS);
        int emailArchivers = sources.get(Setting.EMAIL_ARCHIVERS, v -> wholeNumber(v, 1, 1024))
                .orElse(IngestEmails.DEFAULT_ARCHIVERS);
        Duration maxFutureSkew = sources.get(Setting.MAX_FUTURE_SKEW, Settings::duration)
                .orElse(IngestPressReleases.DEFAULT_MAX_FUTURE_SKEW);
        AnomalyRule anomalyRule = sources.get(
                        Setting.MIN_ROWS, v -> new AnomalyRule(wholeNumber(v, 0, Integer.MAX_VALUE)))
                .orElse(AnomalyRule.DEFAULT);
        int rowGroupRows = sources.get(Setting.ROW_GROUP_ROWS, v -> wholeNumber(v, 1, 10_000_000))
                .orElse(EncodingOptions.CONSOLIDATED.rowGroupRows());
        EncodingOptions consolidated = consolidatedEncoding(sources, rowGroupRows);
        EncodingOptions batch = sources.get(Setting.BATCH_COMPRESSION, Settings::compression)
                .map(c -> new EncodingOptions(c, defaultLevel(c, 3), rowGroupRows))
                .orElse(new EncodingOptions(
                        EncodingOptions.BATCH.compression(), EncodingOptions.BATCH.level(), rowGroupRows));
        return new Settings(
                store,
                batchSize,
                replayReaders,
                emailArchivers,
                maxFutureSkew,
                anomalyRule,
                consolidated,
                batch,
                gcs(sources),
                logFormat,
                logLevel,
                verbose,
                clock);
    }

    /** Only the log settings, to report errors met before everything is resolved; never fails. */
    public static LogFormat logFormatOrText(Map<Setting, String> flags, Map<String, String> environment) {
        try {
            return logFormat(new Sources(flags, environment));
        } catch (FeedstoreError e) {
            return LogFormat.TEXT;
        }
    }

    Settings withBatchSize(int size) {
        return new Settings(
                store,
                size,
                replayReaders,
                emailArchivers,
                maxFutureSkew,
                anomalyRule,
                consolidated,
                batch,
                gcs,
                logFormat,
                logLevel,
                verbose,
                clock);
    }

    Settings withStore(StoreUri newStore) {
        return new Settings(
                newStore,
                batchSize,
                replayReaders,
                emailArchivers,
                maxFutureSkew,
                anomalyRule,
                consolidated,
                batch,
                gcs,
                logFormat,
                logLevel,
                verbose,
                clock);
    }

    private static LogFormat logFormat(Sources sources) {
        return sources.get(Setting.LOG_FORMAT, v -> LogFormat.valueOf(v.toUpperCase(Locale.ROOT)))
                .orElse(LogFormat.TEXT);
    }

    private static LogLevel logLevel(String value) {
        String level = value.toUpperCase(Locale.ROOT);
        return LogLevel.valueOf(level.equals("WARNING") ? "WARN" : level);
    }

    /** {@code --store}, else {@code FEEDSTORE_STORE}, else {@code gs://$GCS_BUCKET}, else the local default. */
    private static StoreUri store(Sources sources) {
        Optional<Sources.Given> given = sources.given(Setting.STORE);
        if (given.isPresent()) {
            return StoreUri.parse(given.get().value(), given.get().name());
        }
        Optional<String> bucket = sources.get(Setting.GCS_BUCKET, v -> {
            if (!BUCKET.matcher(v).matches()) {
                throw new IllegalArgumentException();
            }
            return v;
        });
        // Validated against the bucket naming rules by the GCS adapter when the store is opened.
        return bucket.map(b -> StoreUri.parse("gs://" + b, Setting.GCS_BUCKET.variable()))
                .orElseGet(() -> StoreUri.parse(DEFAULT_STORE, "default"));
    }

    private static EncodingOptions consolidatedEncoding(Sources sources, int rowGroupRows) {
        Compression compression = sources.get(Setting.COMPRESSION, Settings::compression)
                .orElse(EncodingOptions.CONSOLIDATED.compression());
        int defaultLevel = compression == EncodingOptions.CONSOLIDATED.compression()
                ? EncodingOptions.CONSOLIDATED.level()
                : defaultLevel(compression, 9);
        int level = sources.get(Setting.COMPRESSION_LEVEL, v -> switch (compression) {
                    case ZSTD -> wholeNumber(v, 1, 22);
                    case GZIP -> wholeNumber(v, 0, 9);
                    // A level for a codec that has none is a misunderstanding worth pointing out, not ignoring.
                    case SNAPPY, UNCOMPRESSED -> throw new IllegalArgumentException();
                })
                .orElse(defaultLevel);
        return new EncodingOptions(compression, level, rowGroupRows);
    }

    private static int defaultLevel(Compression compression, int zstdLevel) {
        return switch (compression) {
            case ZSTD -> zstdLevel;
            case GZIP -> 6;
            case SNAPPY, UNCOMPRESSED -> 0;
        };
    }

    private static Compression compression(String value) {
        return Compression.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static GcsSettings gcs(Sources sources) {
        GcsSettings defaults = GcsSettings.defaults();
        GcsSettings gcs = defaults;
        Optional<String> project = sources.get(Setting.PROJECT_ID, v -> {
            if (v.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException();
            }
            return v;
        });
        if (project.isPresent()) {
            gcs = gcs.withProjectId(project.get());
        }
        Optional<URI> emulator = sources.get(Setting.STORAGE_EMULATOR_HOST, GcsSettings::emulatorUri);
        if (emulator.isPresent()) {
            gcs = gcs.withEmulatorHost(emulator.get());
        }
        Duration connect =
                sources.get(Setting.GCS_CONNECT_TIMEOUT, Settings::duration).orElse(defaults.connectTimeout());
        Duration read =
                sources.get(Setting.GCS_READ_TIMEOUT, Settings::duration).orElse(defaults.readTimeout());
        Duration retryTime =
                sources.get(Setting.GCS_RETRY_TIMEOUT, Settings::duration).orElse(defaults.totalRetryTime());
        Duration retryDelay =
                sources.get(Setting.GCS_RETRY_DELAY, Settings::duration).orElse(defaults.initialRetryDelay());
        int attempts = sources.get(Setting.GCS_MAX_ATTEMPTS, v -> wholeNumber(v, 1, 100))
                .orElse(defaults.maxAttempts());
        int concurrency = sources.get(Setting.GCS_CONCURRENCY, v -> wholeNumber(v, 1, 1024))
                .orElse(defaults.maxConcurrentRequests());
        return gcs.withTimeouts(connect, read)
                .withRetries(retryTime, retryDelay, attempts)
                .withMaxConcurrentRequests(concurrency);
    }

    private static int wholeNumber(String value, int min, int max) {
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S}); positive, at most an hour. */
    static Duration duration(String value) {
        Duration duration;
        Matcher m = DURATION_TEXT.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException();
        }
        return duration;
    }

    /** Where each setting's value comes from: its flag, else its environment variable, else nowhere. */
    private static final class Sources {

        private final Map<Setting, String> flags;
        private final Map<String, String> environment;

        Sources(Map<Setting, String> flags, Map<String, String> environment) {
            this.flags = new EnumMap<>(Setting.class);
            flags.forEach((setting, value) -> {
                if (value != null) {
                    this.flags.put(setting, value);
                }
            });
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        /** A value and the name of the flag or variable that gave it. */
        record Given(String name, String value) {}

        Optional<Given> given(Setting setting) {
            if (flags.containsKey(setting)) {
                return Optional.of(new Given(setting.flag(), flags.get(setting).trim()));
            }
            // An empty variable counts as unset, as shells make it easy to export one by accident.
            return Optional.ofNullable(environment.get(setting.variable()))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .map(v -> new Given(setting.variable(), v));
        }

        /** The parsed value, if given; a value the parser refuses is one line naming the setting and what it accepts. */
        <T> Optional<T> get(Setting setting, Function<String, T> parse) {
            return given(setting).map(given -> {
                try {
                    return parse.apply(given.value());
                } catch (RuntimeException e) {
                    throw refused(setting, given);
                }
            });
        }

        private static FeedstoreError refused(Setting setting, Given given) {
            String shown = Secrets.none().redact(given.value());
            return FeedstoreError.configuration(
                    given.name() + " '" + shown + "' is not accepted: use " + setting.accepted());
        }
    }
}
