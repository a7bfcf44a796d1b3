package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedstore.bootstrap.logging.Secrets;
import io.feedstore.domain.store.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches stderr: with {@code FEEDSTORE_LOG_FORMAT=json} every line is one JSON object Cloud Logging reads
 * (severity, message, timestamp, structured figures); anomalies are WARNING, failed partitions ERROR; text logs
 * stay human; and no credential ever shows.
 */
class LogsTest {

    private static final String TABLE = "silver_normalized/table=press_releases/";

    @TempDir
    Path temp;

    private final ObjectMapper json = new ObjectMapper();
    private Cli cli;

    /** gmail/2025-01-14: 60 press releases (above the threshold of 50); rss/2025-01-14: 3 (an anomaly). */
    @BeforeEach
    void aFullAndAThinPartition() {
        cli = new Cli(temp.resolve("store"));
        List<String> lines = new ArrayList<>();
        IntStream.range(0, 60)
                .forEach(i -> lines.add(line("g" + i, "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Gmail " + i)));
        IntStream.range(0, 3)
                .forEach(i -> lines.add(line("r" + i, "rss", "2025-01-14", "2025-01-14T10:00:00Z", "Rss " + i)));
        Cli.Run ingest = cli.run(
                "ingest",
                "--input",
                Cli.file(temp, "in.jsonl", lines.toArray(String[]::new)).toString());
        assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    }

    private List<JsonNode> jsonLines(Cli.Run run) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : run.errLines()) {
            try {
                parsed.add(json.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line + "\n" + run, e);
            }
        }
        return parsed;
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithSeverityMessageTimestampAndTheFiguresOfEachPartition() {
        Cli.Run run = cli.withVariable("FEEDSTORE_LOG_FORMAT", "json").run("consolidate");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> lines = jsonLines(run);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.get("severity").asText()).isIn("DEBUG", "INFO", "WARNING", "ERROR");
            assertThat(line.get("message").asText()).isNotBlank();
            assertThat(Instant.parse(line.get("timestamp").asText())).isNotNull();
            assertThat(line.get("command").asText()).isEqualTo("consolidate");
        });
        JsonNode gmail = lines.stream()
                .filter(l -> "gmail".equals(l.path("source").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(run.toString()));
        assertThat(gmail.get("severity").asText()).isEqualTo("INFO");
        assertThat(gmail.get("release_date").asText()).isEqualTo("2025-01-14");
        assertThat(gmail.get("partition").asText()).isEqualTo(TABLE + "source=gmail/release_date=2025-01-14/");
        assertThat(gmail.get("status").asText()).isEqualTo("CONSOLIDATED");
        assertThat(gmail.get("rows").asInt()).isEqualTo(60);
        assertThat(gmail.get("duplicates").asInt()).isZero();
        assertThat(gmail.get("input_rows").asInt()).isEqualTo(60);
        assertThat(gmail.get("anomaly").asBoolean()).isFalse();
    }

    @Test
    void anAnomalyIsAWarningCarryingItsFiguresAndTheThreshold() {
        Cli.Run run = cli.withVariable("FEEDSTORE_LOG_FORMAT", "json").run("consolidate");

        JsonNode rss = jsonLines(run).stream()
                .filter(l -> "rss".equals(l.path("source").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(run.toString()));
        assertThat(rss.get("severity").asText()).isEqualTo("WARNING");
        assertThat(rss.get("anomaly").asBoolean()).isTrue();
        assertThat(rss.get("rows").asInt()).isEqualTo(3);
        assertThat(rss.get("min_rows").asInt()).isEqualTo(50);
        assertThat(rss.get("status").asText()).isEqualTo("CONSOLIDATED");
        assertThat(rss.get("message").asText()).contains("only 3 rows", "CONSOLIDATION_MIN_ROWS=50");
    }

    @Test
    void aFailedPartitionIsAnErrorNamingItAndTheRunExitsWithOne() {
        cli.store()
                .createIfAbsent(
                        ObjectKey.of(TABLE + "source=rss/release_date=2025-01-14/legacy_1.parquet"),
                        "not parquet".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = cli.withVariable("FEEDSTORE_LOG_FORMAT", "json").run("consolidate");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode rss = jsonLines(run).stream()
                .filter(l -> "rss".equals(l.path("source").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(run.toString()));
        assertThat(rss.get("severity").asText()).isEqualTo("ERROR");
        assertThat(rss.get("status").asText()).isEqualTo("FAILED");
        assertThat(rss.get("detail").asText()).contains("legacy_1.parquet");
    }

    @Test
    void withJsonLogsABadSettingIsOneErrorLineCarryingTheExitCode() {
        Cli.Run run = cli.withVariable("FEEDSTORE_LOG_FORMAT", "json")
                .withVariable("CONSOLIDATION_MIN_ROWS", "lots")
                .run("consolidate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(jsonLines(run)).singleElement().satisfies(line -> {
            assertThat(line.get("severity").asText()).isEqualTo("ERROR");
            assertThat(line.get("exit_code").asInt()).isEqualTo(2);
            assertThat(line.get("message").asText())
                    .isEqualTo("feedstore consolidate: CONSOLIDATION_MIN_ROWS 'lots'"
                            + " is not accepted: use a whole number of rows, 0 or more");
        });
    }

    @Test
    void aBadLogFormatIsReportedAsPlainText() {
        Cli.Run run = cli.withVariable("FEEDSTORE_LOG_FORMAT", "xml").run("consolidate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly("feedstore consolidate: FEEDSTORE_LOG_FORMAT 'xml' is not accepted: use text or json");
    }

    @Test
    void textLogsAreForPeopleAndShowOnlyWarningsByDefault() {
        Cli.Run run = cli.run("consolidate");

        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("WARN  rss/2025-01-14: only 3 rows, fewer than CONSOLIDATION_MIN_ROWS=50");
        Cli.Run info = cli.run("--log-level", "info", "consolidate", "--date", "2025-01-14");
        assertThat(info.errLines()).anyMatch(l -> l.startsWith("INFO  gmail/2025-01-14: unchanged"));
    }

    @Test
    void theLogLevelFiltersWhatIsLogged() {
        Cli.Run quiet = cli.withVariable("FEEDSTORE_LOG_FORMAT", "json")
                .withVariable("FEEDSTORE_LOG_LEVEL", "error")
                .run("consolidate");

        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void noCredentialEverReachesTheOutputWhateverTheFormatOrLevel() {
        String token = "ya29.s3cr3t-t0ken";
        String password = "hunter2-password";
        List<Cli.Run> runs = new ArrayList<>();
        // A store URI with a user and password, in the flag and in the environment.
        runs.add(cli.run("--store", "gs://oauth2:" + token + "@press-feed/x", "consolidate"));
        runs.add(cli.withVariable("FEEDSTORE_STORE", "gs://user:" + password + "@press-feed")
                .run("--verbose", "consolidate"));
        runs.add(cli.withVariable("FEEDSTORE_STORE", "gs://press-feed?access_token=" + token)
                .run("consolidate"));
        runs.add(new Cli(temp.resolve("store"))
                .withVariable("FEEDSTORE_LOG_FORMAT", "json")
                .withVariable("FEEDSTORE_STORE", "gs://user:" + password + "@press-feed")
                .run("consolidate"));
        // A value that is a secret by its variable's name, turning up in a path that is logged at debug level.
        Path secretPath = temp.resolve(token);
        Cli secretive = new Cli(secretPath)
                .withVariable("GCS_ACCESS_TOKEN", token)
                .withVariable("FEEDSTORE_LOG_FORMAT", "json")
                .withVariable("FEEDSTORE_LOG_LEVEL", "trace");
        runs.add(secretive.run(
                "--verbose",
                "ingest",
                "--input",
                Cli.file(temp, "one.jsonl", line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "A"))
                        .toString()));
        runs.add(secretive.run("--verbose", "load", "--from", "2025-01-14", "--to", "2025-01-14", "--sources", "x"));
        runs.add(new Cli(temp.resolve("missing-" + token))
                .withVariable("MY_PASSWORD", token)
                .run("--verbose", "load", "--from", "2025-01-14", "--to", "2025-01-14"));

        // stderr carries the logs and the errors; stdout is the command's output (data, summaries), never a log.
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.err()).as(run.toString()).isNotEmpty();
            assertThat(run.err()).as(run.toString()).doesNotContain(token).doesNotContain(password);
        });
        assertThat(runs.subList(0, 4)).allSatisfy(run -> assertThat(run.out()).isEmpty());
        assertThat(runs.get(0).err()).contains("gs://***@press-feed/x", "must not carry a user name or password");
        assertThat(runs.get(4).err()).contains(Secrets.MASK);
        assertThat(runs.get(6).err()).contains("missing-" + Secrets.MASK, "does not exist");
    }
}
