package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineErrorsTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no command                  |                                                            | missing command
            unknown command             | frobnicate                                                 | frobnicate
            unknown option              | load --from 2025-01-01 --to 2025-01-02 --fast              | --fast
            ingest without input        | ingest                                                     | --input
            batch size zero             | ingest --input - --batch-size 0                            | --batch-size '0' is not accepted: use a whole number of records, 1 to 1000000
            batch size not a number     | ingest --input - --batch-size many                         | many
            future skew not a duration  | ingest --input - --max-future-skew soon                    | --max-future-skew 'soon' is not accepted: use a positive duration
            impossible date             | consolidate --date 2025-13-01                              | '2025-13-01' is not a date of the form YYYY-MM-DD
            source with a slash         | consolidate --sources gmail,a/b                            | source 'a/b' must match
            upper-case source           | load --from 2025-01-01 --to 2025-01-02 --sources Gmail     | source 'Gmail' must match
            load without from           | load --to 2025-01-02                                       | --from
            range the wrong way round   | load --from 2025-01-05 --to 2025-01-02                     | --to 2025-01-02 is before --from 2025-01-05
            replay range reversed       | replay --from 2025-03-14 --to 2025-03-01                   | --to 2025-03-01 is before --from 2025-03-14: the date range is empty
            audit range reversed        | audit --from 2025-03-14 --to 2025-03-01 --json             | --to 2025-03-01 is before --from 2025-03-14: the date range is empty
            backfill range reversed     | backfill --from 2025-08-31 --to 2025-08-01 --dry-run       | --to 2025-08-01 is before --from 2025-08-31: the date range is empty
            audit without to            | audit --from 2025-03-01                                    | --to
            replay sources with a slash | replay --from 2025-03-01 --to 2025-03-02 --sources a/b     | source 'a/b' must match
            unknown format              | load --from 2025-01-01 --to 2025-01-02 --format xml        | 'xml' is not a format: use jsonl or csv
            bad bucket name             | --store gs://Bad_Bucket/feed consolidate                   | bucket name 'Bad_Bucket' is invalid: a bucket name must use only lowercase letters
            gcs store without a bucket  | --store gs:///feed consolidate                             | names no bucket
            bad log format              | --log-format xml consolidate                               | --log-format 'xml' is not accepted: use text or json
            bad log level               | load --from 2025-01-01 --to 2025-01-02 --log-level loud    | --log-level 'loud' is not accepted: use error, warn, info, debug or trace
            bad min rows                | consolidate --min-rows -3                                  | --min-rows '-3' is not accepted: use a whole number of rows, 0 or more
            store without a scheme      | --store /tmp/somewhere consolidate                         | is not a store URI: use file:PATH
            unknown store scheme        | --store s3://bucket consolidate                            | the scheme 's3:' is unknown
            """)
    void badArgumentsExitWithTwoAndOneLineNamingTheProblem(String what, String args, String expected) {
        Cli cli = new Cli(temp.resolve("store"));

        Cli.Run run = cli.run(args == null ? new String[0] : args.trim().split("\\s+"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines())
                .as(run.toString())
                .singleElement()
                .asString()
                .contains(expected)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(temp.resolve("store"))
                .as("nothing is created on bad arguments")
                .doesNotExist();
    }

    @Test
    void badEnvironmentVariablesAreConfigurationErrorsNamingTheVariable() {
        Cli.Run badStore = new Cli(temp.resolve("store"))
                .withVariable("FEEDSTORE_STORE", "nowhere")
                .run("load", "--from", "2025-01-01", "--to", "2025-01-02");
        Cli.Run badMinRows = new Cli(temp.resolve("store"))
                .withVariable("CONSOLIDATION_MIN_ROWS", "lots")
                .run("consolidate");
        Cli.Run negativeMinRows = new Cli(temp.resolve("store"))
                .withVariable("CONSOLIDATION_MIN_ROWS", "-1")
                .run("consolidate");

        assertThat(badStore.exitCode()).isEqualTo(2);
        assertThat(badStore.errLines()).singleElement().asString().contains("FEEDSTORE_STORE", "'nowhere'");
        assertThat(badMinRows.exitCode()).isEqualTo(2);
        assertThat(badMinRows.errLines())
                .singleElement()
                .asString()
                .contains("CONSOLIDATION_MIN_ROWS 'lots' is not accepted: use a whole number of rows, 0 or more");
        assertThat(negativeMinRows.exitCode()).isEqualTo(2);
        assertThat(negativeMinRows.errLines())
                .singleElement()
                .asString()
                .contains("CONSOLIDATION_MIN_ROWS '-1' is not accepted");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            query     | Jyväskylä-feed?access_token=ya29.s3cr3t | ya29.s3cr3t
            fragment  | Ærø-feed#s3cr3t-part                    | s3cr3t-part
            """)
    void aFileStoreWithAQueryOrFragmentIsRefusedWithoutRepeatingItAndCreatesNothing(
            String what, String name, String hidden) throws Exception {
        Path input = Cli.file(temp, "in.jsonl", line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "A"));

        Cli.Run run = new Cli(temp.resolve("unused"))
                .run("--store", "file:" + temp.resolve(name), "ingest", "--input", input.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines())
                .as(run.toString())
                .singleElement()
                .asString()
                .contains("must not have a query or fragment", "file:PATH")
                .doesNotContain(hidden);
        try (var children = Files.list(temp)) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactly("in.jsonl");
        }
    }

    @Test
    void readingFromAStoreThatDoesNotExistIsAConfigurationErrorAndCreatesNothing() {
        Cli.Run run = new Cli(temp.resolve("typo")).run("load", "--from", "2025-01-01", "--to", "2025-01-02");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("typo", "does not exist");
        assertThat(temp.resolve("typo")).doesNotExist();
    }

    @Test
    void aStoreThatIsAFileIsAConfigurationError() throws Exception {
        Path file = Files.writeString(temp.resolve("plain.txt"), "x");

        Cli.Run run = new Cli(file).run("consolidate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("plain.txt", "not a directory");
    }

    @Test
    void theStoreFlagWinsOverTheEnvironmentAndWorksAfterTheSubcommandToo() {
        Cli cli = new Cli(temp.resolve("from-env"));
        Path input = Cli.file(temp, "in.jsonl", line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "A"));

        Cli.Run before =
                cli.run("--store", "file:" + temp.resolve("flag-first"), "ingest", "--input", input.toString());
        Cli.Run after = cli.run("ingest", "--input", input.toString(), "--store", "file:" + temp.resolve("flag-after"));

        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(temp.resolve("flag-first/silver_normalized")).isDirectory();
        assertThat(temp.resolve("flag-after/silver_normalized")).isDirectory();
        assertThat(temp.resolve("from-env")).doesNotExist();
    }

    @Test
    void aFailureIsOneLineWithoutStackTraceUnlessVerbose() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));
        Path input = temp.resolve("latin1.jsonl");
        Files.write(input, "{\"title\":\"J\u00e4mtland\"}\n".getBytes(StandardCharsets.ISO_8859_1));

        Cli.Run quiet = cli.run("ingest", "--input", input.toString());
        Cli.Run verbose = cli.run("--verbose", "ingest", "--input", input.toString());

        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.errLines())
                .as(quiet.toString())
                .singleElement()
                .asString()
                .contains("latin1.jsonl", "UTF-8");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.errLines())
                .anySatisfy(l -> assertThat(l).startsWith("feedstore ingest: ").contains("latin1.jsonl", "UTF-8"));
        assertThat(verbose.err()).contains("\tat ");
    }

    @Test
    void aLockFileLinkedOutOfTheStoreIsRefusedInOneLineAndItsTargetIsLeftAlone() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));
        Path input = Cli.file(temp, "in.jsonl", line("a", "gmail", "2025-01-14", "2025-01-14T10:00:00Z", "Åsa – “A”"));
        assertThat(cli.run("ingest", "--input", input.toString()).exitCode()).isZero();
        Path target = Files.writeString(temp.resolve("Jyväskylä – not feedstore’s.txt"), "12345678 and more");
        Path lock = temp.resolve("store/.feedstore.lock");
        Files.delete(lock);
        Files.createSymbolicLink(lock, target);

        for (String[] args :
                new String[][] {{"ingest", "--input", input.toString()}, {"consolidate"}, {"consolidate", "--dry-run"}
                }) {
            Cli.Run run = cli.run(args);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.errLines())
                    .as(run.toString())
                    .singleElement()
                    .asString()
                    .contains(
                            "file:" + temp.resolve("store"),
                            ".feedstore.lock is a symbolic link; refusing to follow it")
                    .doesNotContain("Exception");
        }
        assertThat(Files.readString(target)).isEqualTo("12345678 and more");
        assertThat(Files.isSymbolicLink(lock)).isTrue();
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        Cli.Run run = new Cli(temp.resolve("store")).run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ingest", "consolidate", "load", "demo", "--store", "FEEDSTORE_STORE");
        assertThat(Arrays.stream(new String[] {"ingest", "consolidate", "load", "demo"})
                        .map(c ->
                                new Cli(temp.resolve("store")).run(c, "--help").exitCode()))
                .containsOnly(0);
    }
}
