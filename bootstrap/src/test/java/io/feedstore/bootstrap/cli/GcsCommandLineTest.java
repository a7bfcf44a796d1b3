package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.gcsserver.Fault;
import io.feedstore.gcsserver.GcsTestServer;
import io.feedstore.gcsserver.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end on a {@code gs://} store, against the in-process GCS JSON-API test server: the same
 * inputs give the same summaries, exit codes and loaded press releases as on the local store.
 */
class GcsCommandLineTest {

    private static final String BUCKET = "feedstore-cli";

    private static GcsTestServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() {
        server = GcsTestServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A CLI on the test server, with short timeouts so that a mistake fails fast rather than retrying for 30 s. */
    private Cli gcs(String store) {
        return new Cli(temp.resolve("unused"))
                .withVariable("FEEDSTORE_STORE", store)
                .withVariable("STORAGE_EMULATOR_HOST", server.endpoint().toString())
                .withVariable("FEEDSTORE_GCS_RETRY_TIMEOUT", "5s")
                .withVariable("FEEDSTORE_GCS_RETRY_DELAY", "50ms");
    }

    /** Two deliveries over three partitions, with a re-delivery and a correction, and one invalid line. */
    private List<Path> deliveries() {
        return List.of(
                Cli.file(
                        temp,
                        "first.jsonl",
                        line("g1", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "One"),
                        line("g2", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Two"),
                        line("r1", "rss", "2025-01-14", "2025-01-14T10:00:00Z", "Rss one"),
                        line("r2", "rss", "2025-01-15", "2025-01-15T10:00:00Z", "Rss two")),
                Cli.file(
                        temp,
                        "second.jsonl",
                        line("g1", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "One"),
                        line("g2", "gmail", "2025-01-14", "2025-01-14T12:00:00Z", "Two, corrected"),
                        "{\"press_release_id\": \"bad\", \"source\": \"gmail\", \"release_date\": \"2025-02-30\"}",
                        line("g3", "gmail", "2025-01-14", "2025-01-14T12:00:00Z", "Three")));
    }

    /** Every step, in order; the outputs with the store's name replaced, so that the two stores compare. */
    private List<String> everyStep(Cli cli, String storeName) {
        List<Path> inputs = deliveries();
        Function<Cli.Run, String> seen =
                run -> "exit " + run.exitCode() + "\n" + run.out().replace(storeName, "STORE") + "---\n"
                        + run.err().replace(storeName, "STORE").replaceAll("ingest_\\w+\\.jsonl", "ingest_X.jsonl");
        return List.of(
                seen.apply(cli.run("ingest", "--input", inputs.get(0).toString())),
                seen.apply(cli.run("ingest", "--input", inputs.get(1).toString(), "--batch-size", "2")),
                seen.apply(cli.run("consolidate", "--dry-run")),
                seen.apply(cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31")),
                seen.apply(cli.run("consolidate")),
                seen.apply(cli.run("consolidate", "--json")),
                seen.apply(cli.run("consolidate", "--date", "2025-01-14")),
                seen.apply(cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31", "--format", "csv")));
    }

    @Test
    void ingestConsolidateAndLoadOnGcsGiveTheSameResultsAndSummariesAsOnTheLocalStore() {
        Path local = temp.resolve("local");
        List<String> onLocal = everyStep(new Cli(local), "file:" + local);
        List<String> onGcs = everyStep(gcs("gs://" + BUCKET + "/same-as-local"), "gs://" + BUCKET + "/same-as-local");

        assertThat(onGcs).isEqualTo(onLocal);
        // And the steps did what they say (so that equality is not two identical failures).
        assertThat(onGcs.get(0)).startsWith("exit 0\nIngested 4 press releases");
        assertThat(onGcs.get(1)).startsWith("exit 1\nIngested 3 press releases").contains("line 3 rejected");
        assertThat(onGcs.get(2))
                .startsWith("exit 0\n=== Consolidation Summary ===\n(dry run")
                .contains("gmail 2025-01-14:", "Total rows: 5", "Duplicates: 2", "Final rows: 3");
        assertThat(onGcs.get(4)).contains("Status: ✓ Success").contains("rss 2025-01-15:");
        assertThat(onGcs.get(6)).contains("Status: ✓ Unchanged");
        assertThat(onGcs.get(7)).contains("Two, corrected").doesNotContain(",Two,");
        assertThat(server.objectNames(BUCKET))
                .contains("same-as-local/silver_normalized/table=press_releases/source=gmail/release_date=2025-01-14/"
                        + "consolidated.parquet")
                .noneMatch(n -> n.startsWith("same-as-local/silver_normalized/") && n.contains("/batch_"));
    }

    @Test
    void withoutAStoreTheGcsBucketVariableNamesTheStore() {
        Path input = Cli.file(temp, "one.jsonl", line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "A"));

        Cli.Run run = gcs("unused")
                .withoutVariable("FEEDSTORE_STORE")
                .withVariable("GCS_BUCKET", BUCKET)
                .run("ingest", "--input", input.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("in gs://" + BUCKET);
        assertThat(server.objectNames(BUCKET))
                .anyMatch(n -> n.startsWith(
                        "silver_normalized/table=press_releases/source=gmail/release_date=2025-01-14/batch_"));
    }

    @Test
    void aBucketNameBreakingTheRulesFromGcsBucketIsAConfigurationErrorNamingTheVariable() {
        Cli.Run run = gcs("unused")
                .withoutVariable("FEEDSTORE_STORE")
                .withVariable("GCS_BUCKET", "ab")
                .run("consolidate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("store 'gs://ab' (from GCS_BUCKET)", "be 3 to 63 characters long");
    }

    @Test
    void aBucketThatDoesNotExistFailsTheRunWithExitOneAndOneLine() {
        Cli.Run run = gcs("gs://no-such-bucket-here").run("consolidate");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("could not list the partitions of gs://no-such-bucket-here");
    }

    @Test
    void aStoreThatRefusesEveryWriteStopsTheIngestAtTheFirstPartitionAndNamesASafeResumePoint() {
        Path input = Cli.file(
                temp,
                "three-partitions.jsonl",
                line("g1", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "“Ærø” – one"),
                line("r1", "rss", "2025-01-14", "2025-01-14T10:00:00Z", "“Jyväskylä” – two"),
                line("w1", "web", "2025-01-15", "2025-01-15T10:00:00Z", "“Åsa Lindqvist” – three"));
        Cli cli = gcs("gs://" + BUCKET + "/refusing").withVariable("FEEDSTORE_GCS_RETRY_TIMEOUT", "3s");
        server.faults().failAfter(Operation.UPLOAD, 0, Fault.unavailable());
        long started = System.nanoTime();
        Cli.Run run;
        try {
            run = cli.run("ingest", "--input", input.toString());
        } finally {
            server.faults().clear();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .as("the stop message gives the safe resume point, not buffered lines a dead process cannot retry")
                .contains("resume at line 1 (tail -n +1)")
                .doesNotContain("still buffered", "line 0", "1 batches");
        // Each partition's write retries for 3 s before it fails: trying all three would take 9 s or more.
        assertThat(took)
                .as("the run stops after the first partition whose write failed; " + run)
                .isLessThan(Duration.ofSeconds(7));
        assertThat(server.objectNames(BUCKET)).noneMatch(name -> name.startsWith("refusing/silver"));
    }
}
