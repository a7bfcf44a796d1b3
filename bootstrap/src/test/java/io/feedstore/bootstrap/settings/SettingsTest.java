package io.feedstore.bootstrap.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.feedstore.adapters.gcs.GcsSettings;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.LogFormat;
import io.feedstore.bootstrap.logging.LogLevel;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static final Clock CLOCK = Clock.systemUTC();

    private static Settings resolve(Map<Setting, String> flags, Map<String, String> environment) {
        return Settings.resolve(flags, false, environment, CLOCK);
    }

    private static Settings fromEnvironment(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return resolve(Map.of(), environment);
    }

    @Test
    void withNothingSetEverySettingHasItsDocumentedDefault() {
        Settings settings = fromEnvironment();

        assertThat(settings.store().text()).isEqualTo("file:./feedstore-data");
        assertThat(settings.batchSize()).isEqualTo(100);
        assertThat(settings.anomalyRule().minRows()).isEqualTo(50);
        assertThat(settings.consolidated()).isEqualTo(new EncodingOptions(Compression.ZSTD, 9, 10_000));
        assertThat(settings.batch()).isEqualTo(new EncodingOptions(Compression.SNAPPY, 0, 10_000));
        assertThat(settings.gcs()).isEqualTo(GcsSettings.defaults());
        assertThat(settings.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(settings.logLevel()).isEqualTo(LogLevel.WARN);
    }

    /** Each setting that has a flag: the flag beats the variable, the variable beats the default. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            STORE      | file:/from-flag | file:/from-env | file:./feedstore-data
            MIN_ROWS   | 7               | 8              | 50
            BATCH_SIZE | 700             | 800            | 100
            REPLAY_READERS | 64          | 32             | 16
            EMAIL_ARCHIVERS | 24         | 12             | 8
            LOG_FORMAT | json            | text           | text
            LOG_LEVEL  | debug           | error          | warn
            """)
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheDefault(
            Setting setting, String flag, String variable, String defaultValue) {
        Function<Settings, String> read = switch (setting) {
            case STORE -> s -> s.store().text();
            case MIN_ROWS -> s -> String.valueOf(s.anomalyRule().minRows());
            case BATCH_SIZE -> s -> String.valueOf(s.batchSize());
            case REPLAY_READERS -> s -> String.valueOf(s.replayReaders());
            case EMAIL_ARCHIVERS -> s -> String.valueOf(s.emailArchivers());
            case LOG_FORMAT -> s -> s.logFormat().name().toLowerCase();
            case LOG_LEVEL -> s -> s.logLevel().name().toLowerCase();
            default -> throw new IllegalArgumentException(setting.name());
        };
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(setting, flag);
        Map<String, String> environment = Map.of(setting.variable(), variable);

        assertThat(read.apply(resolve(flags, environment))).isEqualTo(flag);
        assertThat(read.apply(resolve(Map.of(), environment))).isEqualTo(variable);
        assertThat(read.apply(resolve(Map.of(), Map.of()))).isEqualTo(defaultValue);
        assertThat(read.apply(resolve(Map.of(), Map.of(setting.variable(), "  "))))
                .as("a blank variable is unset")
                .isEqualTo(defaultValue);
    }

    @Test
    void anyWholeNumberOfMinRowsIsTakenFromTheFlagOverTheEnvironment() {
        qt().withExamples(50)
                .forAll(integers().between(0, 1_000_000), integers().between(0, 1_000_000))
                .checkAssert((flag, variable) -> assertThat(resolve(
                                        Map.of(Setting.MIN_ROWS, String.valueOf(flag)),
                                        Map.of("CONSOLIDATION_MIN_ROWS", String.valueOf(variable)))
                                .anomalyRule()
                                .minRows())
                        .isEqualTo(flag));
    }

    @Test
    void theStoreIsTheGcsBucketWhenNoStoreIsGivenAndFeedstoreStoreOrTheFlagWinOverIt() {
        assertThat(fromEnvironment("GCS_BUCKET", "press-feed").store().text()).isEqualTo("gs://press-feed");
        assertThat(fromEnvironment("GCS_BUCKET", "press-feed").store().origin()).isEqualTo("GCS_BUCKET");
        assertThat(fromEnvironment("GCS_BUCKET", "press-feed", "FEEDSTORE_STORE", "gs://other/prefix")
                        .store()
                        .text())
                .isEqualTo("gs://other/prefix");
        assertThat(resolve(Map.of(Setting.STORE, "file:/x"), Map.of("GCS_BUCKET", "press-feed"))
                        .store()
                        .text())
                .isEqualTo("file:/x");
    }

    @Test
    void jsonLogsDefaultToInfoAndVerboseMeansDebug() {
        assertThat(fromEnvironment("FEEDSTORE_LOG_FORMAT", "json").logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(fromEnvironment("FEEDSTORE_LOG_LEVEL", "WARNING").logLevel()).isEqualTo(LogLevel.WARN);
        assertThat(Settings.resolve(Map.of(), true, Map.of("FEEDSTORE_LOG_LEVEL", "error"), CLOCK)
                        .logLevel())
                .isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void theEncodingsAndTheGcsClientTakeTheirSettingsFromTheEnvironment() {
        Settings settings = fromEnvironment(
                "FEEDSTORE_COMPRESSION", "gzip",
                "FEEDSTORE_BATCH_COMPRESSION", "ZSTD",
                "FEEDSTORE_ROW_GROUP_ROWS", "500",
                "PROJECT_ID", "press-project",
                "STORAGE_EMULATOR_HOST", "127.0.0.1:4443",
                "FEEDSTORE_GCS_CONCURRENCY", "4",
                "FEEDSTORE_GCS_CONNECT_TIMEOUT", "250ms",
                "FEEDSTORE_GCS_READ_TIMEOUT", "PT45S",
                "FEEDSTORE_GCS_RETRY_TIMEOUT", "2m",
                "FEEDSTORE_GCS_RETRY_DELAY", "100ms",
                "FEEDSTORE_GCS_MAX_ATTEMPTS", "3");

        assertThat(settings.consolidated()).isEqualTo(new EncodingOptions(Compression.GZIP, 6, 500));
        assertThat(settings.batch()).isEqualTo(new EncodingOptions(Compression.ZSTD, 3, 500));
        GcsSettings gcs = settings.gcs();
        assertThat(gcs.projectId().get()).isEqualTo("press-project");
        assertThat(gcs.emulatorHost().get()).isEqualTo(URI.create("http://127.0.0.1:4443"));
        assertThat(gcs.maxConcurrentRequests()).isEqualTo(4);
        assertThat(gcs.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(gcs.readTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(gcs.totalRetryTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(gcs.initialRetryDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(gcs.maxAttempts()).isEqualTo(3);
        assertThat(fromEnvironment("FEEDSTORE_COMPRESSION_LEVEL", "19")
                        .consolidated()
                        .level())
                .isEqualTo(19);
    }

    /** One line naming the setting, the value, and what is accepted; exit code 2. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            FEEDSTORE_STORE               | /data/feed    | use file:PATH for a local directory
            FEEDSTORE_STORE               | s3://bucket   | the scheme 's3:' is unknown
            GCS_BUCKET                    | feed/prefix   | use a bucket name
            PROJECT_ID                    | my project    | use a Google Cloud project id
            STORAGE_EMULATOR_HOST         | ftp://x:1     | use host:port or http://host:port
            CONSOLIDATION_MIN_ROWS        | lots          | use a whole number of rows, 0 or more
            FEEDSTORE_BATCH_SIZE          | 0             | use a whole number of records, 1 to 1000000
            FEEDSTORE_REPLAY_READERS      | 0             | use a whole number of readers, 1 to 1024
            FEEDSTORE_EMAIL_ARCHIVERS     | 1025          | use a whole number of archivers, 1 to 1024
            FEEDSTORE_COMPRESSION         | lz4           | use zstd, gzip, snappy or uncompressed
            FEEDSTORE_COMPRESSION_LEVEL   | 23            | use 1..22 for zstd, 0..9 for gzip
            FEEDSTORE_BATCH_COMPRESSION   | brotli        | use snappy, zstd, gzip or uncompressed
            FEEDSTORE_ROW_GROUP_ROWS      | -1            | use a whole number of rows, 1 to 10000000
            FEEDSTORE_GCS_CONCURRENCY     | 0             | use a whole number of requests, 1 to 1024
            FEEDSTORE_GCS_CONNECT_TIMEOUT | 5             | use a positive duration such as 500ms, 30s, 2m or PT30S
            FEEDSTORE_GCS_READ_TIMEOUT    | 0s            | use a positive duration
            FEEDSTORE_GCS_RETRY_TIMEOUT   | 2h            | at most 1h
            FEEDSTORE_GCS_RETRY_DELAY     | soon          | use a positive duration
            FEEDSTORE_GCS_MAX_ATTEMPTS    | 101           | use a whole number of attempts, 1 to 100
            FEEDSTORE_LOG_FORMAT          | xml           | use text or json
            FEEDSTORE_LOG_LEVEL           | loud          | use error, warn, info, debug or trace
            """)
    void anInvalidValueIsRefusedAtStartNamingTheSettingAndTheAcceptedValues(
            String variable, String value, String accepted) {
        Map<String, String> environment = Map.of(variable, value);

        assertThatThrownBy(() -> {
                    Settings settings = resolve(Map.of(), environment);
                    // The store's scheme is checked when the store is opened, at the start of every command.
                    WiredStore.wire(settings, false).close();
                })
                .isInstanceOfSatisfying(FeedstoreError.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .contains(variable)
                            .contains(value)
                            .contains(accepted)
                            .doesNotContain("\n");
                });
    }

    @Test
    void aCompressionLevelForACodecWithoutLevelsIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> fromEnvironment("FEEDSTORE_COMPRESSION", "snappy", "FEEDSTORE_COMPRESSION_LEVEL", "3"))
                .isInstanceOf(FeedstoreError.class)
                .hasMessage("FEEDSTORE_COMPRESSION_LEVEL '3' is not accepted: use 1..22 for zstd, 0..9 for gzip,"
                        + " nothing for snappy or uncompressed");
        assertThatThrownBy(() -> fromEnvironment("FEEDSTORE_COMPRESSION", "gzip", "FEEDSTORE_COMPRESSION_LEVEL", "10"))
                .isInstanceOf(FeedstoreError.class);
    }

    @Test
    void everySettingHasAVariableAndThoseWithAFlagAreTheOnesTheCommandLineOffers() {
        assertThat(Setting.values()).allSatisfy(s -> assertThat(s.variable()).matches("[A-Z][A-Z0-9_]+"));
        assertThat(java.util.Arrays.stream(Setting.values())
                        .filter(s -> s.flag() != null)
                        .map(Setting::flag))
                .containsExactlyInAnyOrder(
                        "--store",
                        "--min-rows",
                        "--batch-size",
                        "--readers",
                        "--archivers",
                        "--max-future-skew",
                        "--log-format",
                        "--log-level");
    }
}
