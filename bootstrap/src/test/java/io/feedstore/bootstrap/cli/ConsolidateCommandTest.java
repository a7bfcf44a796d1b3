package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedstore.domain.store.ObjectInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolidateCommandTest {

    private static final String TABLE = "silver_normalized/table=press_releases/";

    @TempDir
    Path temp;

    private Cli cli;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Two deliveries: gmail/2025-01-14 gets 3 ids (one delivered twice, one updated), rss/2025-01-14 and
     * rss/2025-01-15 one id each, and gmail/2025-01-16 (today) one id.
     */
    @BeforeEach
    void twoDeliveries() {
        cli = new Cli(temp.resolve("store"));
        ingest(
                "first.jsonl",
                line("g1", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "One"),
                line("g2", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Two"),
                line("r1", "rss", "2025-01-14", "2025-01-14T10:00:00Z", "Rss one"),
                line("r2", "rss", "2025-01-15", "2025-01-15T10:00:00Z", "Rss two"),
                line("t1", "gmail", "2025-01-16", "2025-01-16T07:00:00Z", "Today"));
        ingest(
                "second.jsonl",
                line("g1", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "One"),
                line("g2", "gmail", "2025-01-14", "2025-01-14T12:00:00Z", "Two, corrected"),
                line("g3", "gmail", "2025-01-14", "2025-01-14T12:00:00Z", "Three"));
    }

    @Test
    void theSummaryHasOneBlockPerSourceAndDateWithTheSeedsFiguresAndTheFilesAndBytes() {
        Cli.Run run = cli.run("consolidate");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("=== Consolidation Summary ===\n").contains("""
                gmail 2025-01-14:
                  Batch count: 2
                  Total rows: 5
                  Duplicates: 2
                  Final rows: 3
                  Status: ✓ Success""");
        assertThat(run.out())
                .contains("rss 2025-01-14:\n", "rss 2025-01-15:\n")
                .doesNotContain("2025-01-16")
                .containsPattern("Files: 4 files \\(.+\\) → 3 files \\(.+\\)");
        // Anomalies (fewer than 50 rows by default) are warnings on stderr's log, not failures on stdout.
        assertThat(run.out()).contains("⚠ anomaly: 3 rows, fewer than 50");
        // Two batches read, the consolidated file written and read back, the two batches deleted.
        assertThat(run.out()).contains("  Storage calls: 1 list, 3 reads, 1 write, 2 deletes\n");
    }

    @Test
    void withoutADateEveryPartitionBeforeTodayIsConsolidatedAndTodaysIsLeftAlone() {
        cli.run("consolidate");

        assertThat(names(TABLE + "source=gmail/release_date=2025-01-14/")).containsExactly("consolidated.parquet");
        assertThat(names(TABLE + "source=rss/release_date=2025-01-15/")).containsExactly("consolidated.parquet");
        assertThat(names(TABLE + "source=gmail/release_date=2025-01-16/"))
                .singleElement()
                .asString()
                .startsWith("batch_");
    }

    @Test
    void consolidatingAgainFindsNothingToDoAndChangesNothing() {
        cli.run("consolidate");
        List<ObjectInfo> before = cli.listing();

        Cli.Run again = cli.run("consolidate");
        Cli.Run sameDate = cli.run("consolidate", "--date", "2025-01-14");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("No partition needs consolidating.");
        assertThat(sameDate.exitCode()).isZero();
        assertThat(sameDate.out()).contains("gmail 2025-01-14:", "Status: ✓ Unchanged");
        assertThat(cli.listing()).isEqualTo(before);
    }

    @Test
    void dateAndSourcesSelectExactlyThosePartitions() {
        Cli.Run run = cli.run("consolidate", "--date", "2025-01-14", "--sources", "rss");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("rss 2025-01-14:").doesNotContain("gmail");
        assertThat(names(TABLE + "source=rss/release_date=2025-01-14/")).containsExactly("consolidated.parquet");
        assertThat(names(TABLE + "source=gmail/release_date=2025-01-14/")).hasSize(2);
        assertThat(names(TABLE + "source=rss/release_date=2025-01-15/"))
                .hasSize(1)
                .noneMatch(n -> n.startsWith("c"));
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndLeavesTheStoreExactlyAsItWas() {
        List<ObjectInfo> before = cli.listing();

        Cli.Run run = cli.run("consolidate", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(cli.listing()).isEqualTo(before);
        assertThat(run.out())
                .contains(
                        "dry run",
                        "gmail 2025-01-14:",
                        "Final rows: 3",
                        "would write 3 rows to consolidated.parquet and delete 2 merged files",
                        "Would go from 4 files");
    }

    @Test
    void theJsonSummaryCarriesTheSameFiguresAsTheText() throws Exception {
        Cli.Run run = cli.run("consolidate", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = json.readTree(run.out());
        assertThat(summary.get("dry_run").asBoolean()).isFalse();
        JsonNode gmail = summary.get("partitions").get(0);
        assertThat(gmail.get("source").asText()).isEqualTo("gmail");
        assertThat(gmail.get("release_date").asText()).isEqualTo("2025-01-14");
        assertThat(gmail.get("status").asText()).isEqualTo("CONSOLIDATED");
        assertThat(gmail.get("batch_files").asInt()).isEqualTo(2);
        assertThat(gmail.get("input_rows").asInt()).isEqualTo(5);
        assertThat(gmail.get("duplicates_removed").asInt()).isEqualTo(2);
        assertThat(gmail.get("final_rows").asInt()).isEqualTo(3);
        assertThat(gmail.get("files_after").asInt()).isEqualTo(1);
        assertThat(gmail.get("bytes_after").asLong())
                .isEqualTo(size(TABLE + "source=gmail/release_date=2025-01-14/consolidated.parquet"));
        assertThat(gmail.get("anomaly").asBoolean()).isTrue();
        JsonNode calls = gmail.get("storage_calls");
        assertThat(List.of(
                        calls.get("lists").asInt(),
                        calls.get("reads").asInt(),
                        calls.get("writes").asInt(),
                        calls.get("deletes").asInt()))
                .containsExactly(1, 3, 1, 2);
        assertThat(summary.get("partitions")).hasSize(3);
        JsonNode totals = summary.get("totals");
        assertThat(totals.get("files_before").asInt()).isEqualTo(4);
        assertThat(totals.get("files_after").asInt()).isEqualTo(3);
        assertThat(totals.get("final_rows").asInt()).isEqualTo(5);
        assertThat(totals.get("failed").asInt()).isZero();
    }

    @Test
    void theAnomalyThresholdComesFromConsolidationMinRows() throws Exception {
        Cli.Run run = cli.withVariable("CONSOLIDATION_MIN_ROWS", "2").run("consolidate", "--json");

        JsonNode summary = json.readTree(run.out());
        assertThat(summary.get("min_rows").asInt()).isEqualTo(2);
        List<String> anomalous = new ArrayList<>();
        summary.get("partitions").forEach(p -> {
            if (p.get("anomaly").asBoolean()) {
                anomalous.add(
                        p.get("source").asText() + " " + p.get("release_date").asText());
            }
        });
        assertThat(anomalous).containsExactly("rss 2025-01-14", "rss 2025-01-15");
    }

    @Test
    void aPartitionThatCannotBeReadFailsWithExitOneWhileTheOthersAreStillConsolidated() {
        String broken = TABLE + "source=rss/release_date=2025-01-15/legacy_42.parquet";
        cli.store()
                .createIfAbsent(
                        io.feedstore.domain.store.ObjectKey.of(broken), "not parquet".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = cli.run("consolidate");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("rss 2025-01-15:", "✗ Failed", "legacy_42.parquet");
        assertThat(names(TABLE + "source=rss/release_date=2025-01-15/"))
                .hasSize(2)
                .contains("legacy_42.parquet");
        assertThat(names(TABLE + "source=gmail/release_date=2025-01-14/")).containsExactly("consolidated.parquet");
    }

    @Test
    void aFileHoldingRowsOfAnotherSourceAndDateFailsItsPartitionWithExitOneAndDeletesNothing() {
        io.feedstore.domain.store.ObjectStore store = cli.store();
        ObjectInfo rssBatch = cli.listing().stream()
                .filter(o -> o.key().parent().value().equals(TABLE + "source=rss/release_date=2025-01-15/"))
                .findFirst()
                .orElseThrow();
        String stray = TABLE + "source=gmail/release_date=2025-01-14/legacy_rss.parquet";
        store.createIfAbsent(
                io.feedstore.domain.store.ObjectKey.of(stray),
                store.read(rssBatch.key()).get().content());
        List<String> gmailBefore = names(TABLE + "source=gmail/release_date=2025-01-14/");

        Cli.Run run = cli.run("consolidate");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "gmail 2025-01-14:",
                        "✗ Failed",
                        stray,
                        "row r2 of source rss / release_date 2025-01-15 does not belong to partition gmail 2025-01-14");
        assertThat(names(TABLE + "source=gmail/release_date=2025-01-14/"))
                .isEqualTo(gmailBefore)
                .hasSize(3);
        assertThat(names(TABLE + "source=rss/release_date=2025-01-15/")).containsExactly("consolidated.parquet");
    }

    @Test
    void pressReleasesStoredUnderSeveralReleaseDatesAreListedInTheSummaryAndTheJson() throws Exception {
        ingest("corrected.jsonl", line("g1", "gmail", "2025-01-15", "2025-01-15T10:00:00Z", "“One” – re-dated"));

        Cli.Run text = cli.run("consolidate", "--dry-run");
        Cli.Run document = cli.run("consolidate", "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out())
                .contains("Stored under more than one release date", "gmail g1: 2025-01-14, 2025-01-15")
                .doesNotContain("g2:");
        JsonNode corrected = json.readTree(document.out()).get("stored_under_several_dates");
        assertThat(corrected).hasSize(1);
        assertThat(corrected.get(0).get("press_release_id").asText()).isEqualTo("g1");
        assertThat(corrected.get(0).get("release_dates").toString()).isEqualTo("[\"2025-01-14\",\"2025-01-15\"]");
    }

    @Test
    void loadingGivesTheSameAnswerBeforeAndAfterConsolidation() {
        String before =
                cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31").out();

        cli.run("consolidate");

        assertThat(cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31").out())
                .isEqualTo(before);
        assertThat(before).contains("Two, corrected").doesNotContain("\"Two\"");
    }

    private void ingest(String name, String... lines) {
        Cli.Run run = cli.run("ingest", "--input", Cli.file(temp, name, lines).toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    private List<String> names(String prefix) {
        return cli.listing().stream()
                .filter(o -> o.key().parent().value().equals(prefix))
                .map(o -> o.key().name())
                .toList();
    }

    private long size(String key) {
        return cli.listing().stream()
                .filter(o -> o.key().value().equals(key))
                .findFirst()
                .orElseThrow()
                .size();
    }
}
