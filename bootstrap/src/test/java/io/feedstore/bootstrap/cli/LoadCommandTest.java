package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.testkit.ReadOnlyTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {

    @TempDir
    Path temp;

    private static final String TABLE = "silver_normalized/table=press_releases/";

    private Cli cli;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void storeWithUpdatesAndAwkwardTexts() {
        cli = new Cli(temp.resolve("store"));
        String awkward = "{\"press_release_id\":\"b-2\",\"source\":\"gmail\",\"release_date\":\"2025-01-14\","
                + "\"ingested_at\":\"2025-01-14T09:00:00Z\",\"title\":\"Quotes \\\"here\\\", commas, and\\na line break\","
                + "\"full_text\":\"Ünïcödé — 東京 🚀\",\"parser_version\":3,\"schema_version\":2,"
                + "\"release_ts_utc\":\"2025-01-14T08:30:00+01:00\",\"company_name\":\"\"}";
        ingest(
                "in.jsonl",
                line("c-3", "rss", "2025-01-15", "2025-01-15T10:00:00Z", "Rss later"),
                line("a-1", "rss", "2025-01-14", "2025-01-14T10:00:00Z", "Old title"),
                awkward,
                line("a-1", "rss", "2025-01-14", "2025-01-14T12:00:00+00:00", "New title"),
                line("a-0", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "First"),
                line("x-9", "gmail", "2025-01-20", "2025-01-16T07:00:00Z", "Out of range"));
    }

    @Test
    void jsonlHasOneObjectPerPressReleaseWithTheTwelveColumnsOrderedByDateSourceAndId() throws Exception {
        Cli.Run run = cli.run("load", "--from", "2025-01-14", "--to", "2025-01-15");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : run.outLines()) {
            rows.add(json.readTree(line));
        }
        assertThat(rows)
                .extracting(r -> r.get("press_release_id").asText() + "@"
                        + r.get("source").asText())
                .containsExactly("a-0@gmail", "b-2@gmail", "a-1@rss", "c-3@rss");
        List<String> keys = new ArrayList<>();
        rows.get(1).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(WireRecord.COLUMNS);
        assertThat(rows.get(2).get("title").asText()).isEqualTo("New title");
        assertThat(rows.get(2).get("ingested_at").asText()).isEqualTo("2025-01-14T12:00:00+00:00");
        JsonNode awkward = rows.get(1);
        assertThat(awkward.get("title").asText()).isEqualTo("Quotes \"here\", commas, and\na line break");
        assertThat(awkward.get("full_text").asText()).isEqualTo("Ünïcödé — 東京 🚀");
        assertThat(awkward.get("release_ts_utc").asText()).isEqualTo("2025-01-14T07:30:00Z");
        assertThat(awkward.get("company_name").asText()).isEmpty();
        assertThat(awkward.get("parser_version").isInt()).isTrue();
        assertThat(rows.get(0).get("source_url").isNull()).isTrue();
    }

    @Test
    void csvHasAHeaderAndQuotesEveryValueThatNeedsIt() throws Exception {
        Cli.Run run = cli.run("load", "--from", "2025-01-14", "--to", "2025-01-15", "--format", "csv");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines().get(0)).isEqualTo(String.join(",", WireRecord.COLUMNS));
        List<List<String>> rows = new ArrayList<>();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it =
                csv.readerForListOf(String.class).readValues(run.out())) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo(WireRecord.COLUMNS);
        List<String> awkward = rows.get(2);
        assertThat(awkward.get(0)).isEqualTo("b-2");
        assertThat(awkward.get(WireRecord.COLUMNS.indexOf("title")))
                .isEqualTo("Quotes \"here\", commas, and\na line break");
        assertThat(awkward.get(WireRecord.COLUMNS.indexOf("full_text"))).isEqualTo("Ünïcödé — 東京 🚀");
        assertThat(awkward.get(WireRecord.COLUMNS.indexOf("parser_version"))).isEqualTo("3");
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("press_release_id", "a-0", "b-2", "a-1", "c-3");
    }

    @Test
    void sourcesRestrictTheResultAndTheRangeIsInclusive() {
        Cli.Run run = cli.run("load", "--from", "2025-01-15", "--to", "2025-01-20", "--sources", "gmail,rss");
        Cli.Run gmailOnly = cli.run("load", "--from", "2025-01-14", "--to", "2025-01-20", "--sources", "gmail");

        assertThat(run.outLines()).hasSize(2).anyMatch(l -> l.contains("c-3")).anyMatch(l -> l.contains("x-9"));
        assertThat(gmailOnly.outLines()).hasSize(3).allMatch(l -> l.contains("\"source\":\"gmail\""));
    }

    @Test
    void jsonlOutputIsValidIngestInputThatChangesNothingWhenIngestedAgain() {
        String loaded =
                cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31").out();

        Cli.Run again = cli.runWithStdin(loaded, "ingest", "--input", "-");
        cli.run("consolidate");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31").out())
                .isEqualTo(loaded);
    }

    @Test
    void anEmptyRangeOfAnExistingStoreIsEmptyOutputAndSuccess() {
        Cli.Run run = cli.run("load", "--from", "2024-01-01", "--to", "2024-01-31", "--format", "csv");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(String.join(",", WireRecord.COLUMNS));
    }

    @Test
    void aReadOnlyStoreCanBeLoadedAndPlannedWithoutWriteAccess() {
        Cli.Run writable = cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31");
        Cli.Run plannedWritable = cli.run("consolidate", "--dry-run");

        try (ReadOnlyTree readOnly = ReadOnlyTree.of(cli.storeRoot())) {
            Cli.Run load = cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31");
            Cli.Run dryRun = cli.run("consolidate", "--dry-run");
            Cli.Run apply = cli.run("consolidate");

            assertThat(load.exitCode()).as(load.toString()).isZero();
            assertThat(load.out()).isEqualTo(writable.out()).contains("gmail");
            assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
            assertThat(dryRun.out()).isEqualTo(plannedWritable.out());
            assertThat(apply.exitCode())
                    .as("consolidating does need write access: %s", apply)
                    .isNotZero();
        }
    }

    @Test
    void anUndecodableFileLeavesOutOnlyItsPartitionIsNamedOnStderrAndTheExitCodeIsOne() throws Exception {
        String broken = TABLE + "source=gmail/release_date=2025-01-14/legacy_ærø.parquet";
        cli.store().createIfAbsent(ObjectKey.of(broken), "“not parquet” – Jüväskylä".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = cli.run("load", "--from", "2025-01-14", "--to", "2025-01-15");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode row = json.readTree(line);
            ids.add(row.get("press_release_id").asText() + "@"
                    + row.get("source").asText());
        }
        assertThat(ids).as("every readable partition is still returned").containsExactly("a-1@rss", "c-3@rss");
        assertThat(run.errLines())
                .as(run.toString())
                .singleElement()
                .asString()
                .contains(broken, "cannot decode", "gmail/2025-01-14");
    }

    @Test
    void rowsOfAnotherSourceOrDateInsideAPartitionAreNotReturnedAndTheFileIsNamed() throws Exception {
        ingest("elsewhere.jsonl", line("moved", "rss", "2025-01-13", "2025-01-13T10:00:00Z", "“Rss of the 13th”"));
        String rssFile = cli.store()
                .list(io.feedstore.domain.store.KeyPrefix.of(TABLE + "source=rss/release_date=2025-01-13/"))
                .get()
                .get(0)
                .key()
                .value();
        String legacy = TABLE + "source=gmail/release_date=2025-01-14/legacy_moved.parquet";
        cli.store()
                .createIfAbsent(
                        ObjectKey.of(legacy),
                        cli.store().read(ObjectKey.of(rssFile)).get().content());

        Cli.Run gmail = cli.run("load", "--from", "2025-01-14", "--to", "2025-01-14", "--sources", "gmail");

        assertThat(gmail.exitCode()).as(gmail.toString()).isZero();
        assertThat(gmail.outLines()).hasSize(2).noneMatch(l -> l.contains("moved"));
        assertThat(gmail.err()).contains(legacy, "1 row", "not returned");
        assertThat(cli.run("load", "--from", "2025-01-13", "--to", "2025-01-13").outLines())
                .as("the row is still returned from its own partition")
                .singleElement()
                .asString()
                .contains("moved");
    }

    @Test
    void versionsANanosecondApartKeepTheirOrderAndTheirPrecisionThroughTheStore() throws Exception {
        ingest(
                "nanos.jsonl",
                line("n-1", "gmail", "2025-01-16", "2025-01-16T07:00:00.123456790+00:00", "“Newer” – a"),
                line("n-1", "gmail", "2025-01-16", "2025-01-16T09:00:00.123456789+02:00", "“Older” – zzz"));

        for (boolean consolidated : new boolean[] {false, true}) {
            if (consolidated) {
                assertThat(cli.run("consolidate", "--date", "2025-01-16").exitCode())
                        .isZero();
            }
            Cli.Run run = cli.run("load", "--from", "2025-01-16", "--to", "2025-01-16");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode row = json.readTree(run.outLines().get(0));
            assertThat(row.get("title").asText())
                    .as("consolidated: %s", consolidated)
                    .isEqualTo("“Newer” – a");
            assertThat(row.get("ingested_at").asText()).isEqualTo("2025-01-16T07:00:00.12345679+00:00");
        }
    }

    private void ingest(String name, String... lines) {
        Cli.Run run = cli.run("ingest", "--input", Cli.file(temp, name, lines).toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }
}
