package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.store.ObjectInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

    @TempDir
    Path temp;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void validLinesAreStoredAndEveryInvalidLineIsDeadLetteredVerbatimWithItsNumberAndReason() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));
        String badJson = "{\"press_release_id\": \"x\", ";
        String noSource = "{\"press_release_id\":\"y\",\"release_date\":\"2025-01-14\"}";
        String badDate = line("z", "rss", "2025-02-30", "2025-01-14T10:00:00Z", "Bad date");
        Path input = Cli.file(
                temp,
                "in.jsonl",
                line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Alpha"),
                badJson,
                line("b", "rss", "2025-01-14", "2025-01-14T10:00:00Z", "Beta"),
                noSource,
                "",
                badDate,
                line("c", "rss", "2025-01-15", "2025-01-15T10:00:00Z", "Gamma"));

        Cli.Run run = cli.run("ingest", "--input", input.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(4);
        assertThat(run.errLines().get(0)).contains("in.jsonl", "line 2", "invalid JSON");
        assertThat(run.errLines().get(1)).contains("line 4", "source", "is required");
        assertThat(run.errLines().get(2)).contains("line 6", "release_date", "'2025-02-30'", "YYYY-MM-DD");
        assertThat(run.errLines().get(3)).contains("3 lines were rejected", "rejects/ingest_");
        assertThat(run.out()).contains("Ingested 3 press releases");

        List<ObjectInfo> rejects = cli.store().list(StoreLayout.REJECTS).get();
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).key().name()).matches("ingest_20250116_080000_[a-z0-9]+\\.jsonl");
        String content = new String(cli.store().read(rejects.get(0).key()).get().content(), StandardCharsets.UTF_8);
        List<JsonNode> letters = new ArrayList<>();
        for (String letter : content.split("\n")) {
            letters.add(json.readTree(letter));
        }
        assertThat(letters).extracting(l -> l.get("line_number").asLong()).containsExactly(2L, 4L, 6L);
        assertThat(letters).extracting(l -> l.get("line").asText()).containsExactly(badJson, noSource, badDate);
        assertThat(letters.get(1).get("reason").asText()).contains("source", "is required");

        Cli.Run load = cli.run("load", "--from", "2025-01-01", "--to", "2025-01-31");
        assertThat(load.outLines()).hasSize(3);
        assertThat(load.out()).contains("\"Alpha\"", "\"Beta\"", "\"Gamma\"");
    }

    @Test
    void controlCharactersInEchoedValuesAreEscapedSoInputCannotForgeLinesOrDriveTheTerminal() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));
        // JSON escapes, so that the decoded values carry a newline, ESC, CR, a C1 CSI and a line separator.
        String forgedLine = "{\"press_release_id\":\"å\",\"source\":\"gmail\\nfeedstore ingest: all good\","
                + "\"release_date\":\"2025-01-14\"}";
        String escapes = "{\"press_release_id\":\"ö\",\"source\":\"rss\",\"release_date\":"
                + "\"2025-01-14\\u001b[2J\\r\\u009b31m\\u2028–“Ærø”\"}";
        Path input = Cli.file(temp, "in.jsonl", forgedLine, escapes);

        Cli.Run run = cli.run("ingest", "--input", input.toString());
        Cli.Run badFlag = cli.run("consolidate", "--date", "2025-01-14\u001b]0;owned\u0007");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines())
                .as(run.toString())
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("feedstore ingest: "));
        assertThat(run.errLines().get(0)).contains("line 1", "gmail\\nfeedstore ingest: all good");
        assertThat(run.errLines().get(1)).contains("line 2", "2025-01-14\\u001b[2J\\r\\u009b31m\\u2028–“Ærø”");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.errLines()).singleElement().asString().contains("\\u001b]0;owned\\u0007");
        for (Cli.Run r : List.of(run, badFlag)) {
            assertThat(r.err().replace("\n", ""))
                    .as(r.toString())
                    .doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]");
        }
    }

    @Test
    void anIngestedAtWithoutAnOffsetIsStoredAsThatTimeInUtc() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));

        Cli.Run run = cli.runWithStdin(
                line("jyväskylä", "rss", "2025-01-14", "2025-01-14 09:30:00.25", "Jyväskylä – “naive” clock 🕰") + "\n",
                "ingest",
                "--input",
                "-");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode loaded = json.readTree(
                cli.run("load", "--from", "2025-01-14", "--to", "2025-01-14").out());
        assertThat(loaded.get("ingested_at").asText()).isEqualTo("2025-01-14T09:30:00.25+00:00");
    }

    @Test
    void anIngestedAtBeyondTheAllowedSkewIsDeadLetteredWithTheReasonAndTheSkewIsASetting() {
        Path input = Cli.file(
                temp,
                "in.jsonl",
                line("åsa", "gmail", "2025-01-14", "2099-01-14T10:00:00Z", "Åsa Lindqvist – “typo”"),
                line("ærø", "rss", "2025-01-14", "2025-01-16T08:20:00Z", "Ærø – twenty minutes ahead"));

        Cli.Run byDefault = new Cli(temp.resolve("a")).run("ingest", "--input", input.toString());
        Cli.Run wider =
                new Cli(temp.resolve("b")).run("ingest", "--input", input.toString(), "--max-future-skew", "30m");

        assertThat(byDefault.exitCode()).as(byDefault.toString()).isEqualTo(1);
        assertThat(byDefault.errLines()).hasSize(3);
        assertThat(byDefault.errLines().get(0))
                .contains(
                        "line 1",
                        "ingested_at '2099-01-14T10:00:00Z' is more than"
                                + " 10m after this run started (2025-01-16T08:00:00Z)");
        assertThat(byDefault.errLines().get(1)).contains("line 2", "10m");
        assertThat(wider.errLines()).hasSize(2);
        assertThat(wider.errLines().get(0)).contains("line 1", "30m");
        assertThat(wider.out()).contains("Ingested 1 press release ");
    }

    @Test
    void anInputWithOnlyValidLinesExitsZeroAndWritesNoDeadLetters() {
        Cli cli = new Cli(temp.resolve("store"));
        Path input = Cli.file(temp, "in.jsonl", line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Alpha"));

        Cli.Run run = cli.run("ingest", "--input", input.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(cli.store().list(StoreLayout.REJECTS).get()).isEmpty();
    }

    @Test
    void dashReadsStdinAndALineWithoutIngestedAtIsStampedWithTheTimeOfIngestion() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));

        Cli.Run run = cli.runWithStdin(
                "{\"press_release_id\":\"a\",\"source\":\"rss\",\"release_date\":\"2025-01-14\"}\n",
                "ingest",
                "--input",
                "-");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("from stdin");
        JsonNode loaded = json.readTree(
                cli.run("load", "--from", "2025-01-14", "--to", "2025-01-14").out());
        assertThat(loaded.get("ingested_at").asText()).isEqualTo("2025-01-16T08:00:00+00:00");
    }

    @Test
    void batchSizeCutsEachPartitionIntoBatchFilesOfAtMostThatManyRecords() {
        Cli cli = new Cli(temp.resolve("store"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(line("id-" + i, "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "T" + i));
        }
        lines.add(line("other", "rss", "2025-01-14", "2025-01-14T10:00:00Z", "T"));
        Path input = Cli.file(temp, "in.jsonl", lines.toArray(String[]::new));

        Cli.Run run = cli.run("ingest", "--input", input.toString(), "--batch-size", "2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("into 4 batch files");
        assertThat(cli.listing())
                .filteredOn(o -> PartitionFile.classify(o).kind() == PartitionFile.Kind.BATCH)
                .extracting(o -> o.key().parent().value())
                .containsExactlyInAnyOrder(
                        "silver_normalized/table=press_releases/source=gmail/release_date=2025-01-14/",
                        "silver_normalized/table=press_releases/source=gmail/release_date=2025-01-14/",
                        "silver_normalized/table=press_releases/source=gmail/release_date=2025-01-14/",
                        "silver_normalized/table=press_releases/source=rss/release_date=2025-01-14/");
    }

    @Test
    void aLineThatIsNotUtf8StopsTheIngestNamingTheLineAndKeepsWhatCameBefore() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));
        Path input = temp.resolve("latin1.jsonl");
        Files.write(
                input,
                (line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Alpha") + "\n"
                                + line("b", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Caf\u00e9") + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1));

        Cli.Run run = cli.run("ingest", "--input", input.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("latin1.jsonl", "line 2", "not valid UTF-8");
        assertThat(cli.run("load", "--from", "2025-01-14", "--to", "2025-01-14").outLines())
                .hasSize(1);
    }

    @Test
    void aMissingInputIsAUsageErrorThatCreatesNoStore() {
        Cli cli = new Cli(temp.resolve("store"));

        Cli.Run run = cli.run("ingest", "--input", temp.resolve("nope.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("nope.jsonl", "does not exist");
        assertThat(temp.resolve("store")).doesNotExist();
    }
}
