package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container, as far as it can be run without a Docker engine: {@code docker/entrypoint.sh} runs the shaded
 * jar exactly as the image does — the environment is only the {@code ENV} lines of the Dockerfile's run stage plus
 * what a Cloud Run job would set, the arguments are the job's args, and the working directory is an empty
 * directory like the image's {@code /app}. Run by failsafe after the jar is built ({@code ./mvnw verify}).
 */
class EntrypointScriptIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = REPOSITORY.resolve("docker/entrypoint.sh");
    private static final Path JAR = Path.of("target/feedstore.jar").toAbsolutePath();
    private static final Pattern ENV_LINE = Pattern.compile("^ENV (\\w+)=(\"?)(.*)\\2$");
    private static final String TABLE = "silver_normalized/table=press_releases/";

    private static Map<String, String> imageEnvironment;

    @TempDir
    Path temp;

    private final ObjectMapper json = new ObjectMapper();
    private Path workdir;
    private Path store;

    /** The run stage's ENV lines, and a check that the image runs this very script. */
    @BeforeAll
    static void readTheDockerfile() throws IOException {
        List<String> lines = Files.readAllLines(REPOSITORY.resolve("Dockerfile"));
        int runStage = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                runStage = i;
            }
        }
        imageEnvironment = new LinkedHashMap<>();
        for (String line : lines.subList(runStage, lines.size())) {
            Matcher env = ENV_LINE.matcher(line);
            if (env.matches()) {
                imageEnvironment.put(env.group(1), env.group(3));
            }
        }
        assertThat(imageEnvironment)
                .containsEntry("FEEDSTORE_LOG_FORMAT", "json")
                .containsKey("FEEDSTORE_JAR");
        assertThat(lines)
                .contains(
                        "COPY --chmod=0555 docker/entrypoint.sh /app/entrypoint.sh",
                        "ENTRYPOINT [\"/app/entrypoint.sh\"]",
                        "CMD [\"consolidate\"]");
        assertThat(lines.stream().filter(l -> l.startsWith("USER "))).containsExactly("USER 10001:10001");
        assertThat(JAR).as("the shaded jar, built in the package phase").isRegularFile();
    }

    @BeforeEach
    void anEmptyWorkingDirectoryAndAStoreWithAFullAndAThinPartitionOfYesterday() throws Exception {
        workdir = Files.createDirectories(temp.resolve("app"));
        store = temp.resolve("store");
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add(line("g" + i, "gmail", yesterday, yesterday + "T10:00:00Z", "Gmail " + i));
        }
        for (int i = 0; i < 3; i++) {
            lines.add(line("r" + i, "rss", yesterday, yesterday + "T10:00:00Z", "Rss " + i));
        }
        Path input = Files.write(temp.resolve("in.jsonl"), lines);
        Result ingest = entrypoint(Map.of(), "ingest", "--input", input.toString(), "--batch-size", "25");
        assertThat(ingest.exitCode).as(ingest.toString()).isZero();
    }

    /** The image's environment, the job's variables, nothing else from this JVM but PATH, JAVA_HOME and HOME. */
    private Result entrypoint(Map<String, String> jobVariables, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder process = new ProcessBuilder(command).directory(workdir.toFile());
        Map<String, String> environment = process.environment();
        environment.clear();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", workdir.toString());
        if (System.getenv("JAVA_HOME") != null) {
            environment.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        environment.putAll(imageEnvironment);
        environment.put("FEEDSTORE_JAR", JAR.toString());
        environment.put("FEEDSTORE_STORE", "file:" + store);
        environment.putAll(jobVariables);
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process running =
                process.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(running.waitFor(120, TimeUnit.SECONDS))
                .as("the entrypoint ends")
                .isTrue();
        return new Result(
                String.join(" ", args),
                running.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<JsonNode> logLines(Result result) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : result.err.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                parsed.add(json.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("a log line that is not JSON: " + line + "\n" + result, e);
            }
        }
        return parsed;
    }

    private List<String> partitionFiles() throws IOException {
        try (Stream<Path> files = Files.walk(store.resolve(TABLE))) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aConsolidationRunLogsJsonLinesWithSeverityAndAWarningForTheAnomaly() throws Exception {
        Result run = entrypoint(Map.of("CONSOLIDATION_MIN_ROWS", "50"), "consolidate");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("=== Consolidation Summary ===", "Status: ✓ Success");
        List<JsonNode> logs = logLines(run);
        assertThat(logs).isNotEmpty().allSatisfy(l -> {
            assertThat(l.get("severity").asText()).isIn("DEBUG", "INFO", "WARNING", "ERROR");
            assertThat(l.hasNonNull("message")).isTrue();
            assertThat(l.hasNonNull("timestamp")).isTrue();
        });
        assertThat(logs)
                .filteredOn(l -> l.get("severity").asText().equals("WARNING"))
                .singleElement()
                .satisfies(warning -> {
                    assertThat(warning.get("source").asText()).isEqualTo("rss");
                    assertThat(warning.get("rows").asInt()).isEqualTo(3);
                    assertThat(warning.get("min_rows").asInt()).isEqualTo(50);
                    assertThat(warning.get("anomaly").asBoolean()).isTrue();
                });
        assertThat(logs).anySatisfy(l -> {
            assertThat(l.path("source").asText()).isEqualTo("gmail");
            assertThat(l.get("severity").asText()).isEqualTo("INFO");
            assertThat(l.get("rows").asInt()).isEqualTo(60);
        });
        assertThat(partitionFiles()).containsExactly("consolidated.parquet", "consolidated.parquet");
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
        List<String> before = partitionFiles();

        Result run = entrypoint(Map.of(), "consolidate", "--dry-run");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out)
                .contains(
                        "(dry run: nothing is written or deleted)",
                        "would write 60 rows to consolidated.parquet and delete 3 merged files");
        assertThat(logLines(run))
                .anySatisfy(l -> assertThat(l.get("dry_run").asBoolean()).isTrue());
        assertThat(partitionFiles()).isEqualTo(before).hasSize(4);
    }

    @Test
    void aClassDataArchiveMadeAsTheImageMakesItIsTheOneTheJvmMaps() throws Exception {
        Path archive = temp.resolve("feedstore.jsa");
        Path scratch = Files.createDirectories(temp.resolve("cds-store"));
        Process dump = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:ArchiveClassesAtExit=" + archive,
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off",
                        "-jar",
                        JAR.toString(),
                        "--store",
                        "file:" + scratch,
                        "demo")
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("dump.txt").toFile())
                .start();
        assertThat(dump.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue())
                .as(Files.readString(temp.resolve("dump.txt")))
                .isZero();

        // -Xshare:on turns "could not map the archive" from a quiet fallback into a failure to start.
        Result run = entrypoint(
                Map.of(
                        "FEEDSTORE_CDS_ARCHIVE",
                        archive.toString(),
                        "FEEDSTORE_JAVA_OPTS",
                        imageEnvironment.get("FEEDSTORE_JAVA_OPTS") + " -Xshare:on"),
                "consolidate",
                "--dry-run");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("would write 60 rows to consolidated.parquet");
    }

    /**
     * What a start loads stays small. The jar builds its object graph by reflection: Guice generates no classes (its
     * copy of ASM is never loaded), though asked on the command line it still does. And a command that writes no
     * JSON builds no Jackson {@code ObjectMapper} (whose constructor loads its {@code TypeFactory}), although
     * picocli creates every command, {@code audit} included, at each start.
     */
    @Test
    void aStartGeneratesNoClassesUnlessToldAndBuildsNoJsonMapperItDoesNotUse() throws Exception {
        Path store = Files.createDirectories(temp.resolve("startup-store"));
        for (boolean told : List.of(false, true)) {
            Path loaded = temp.resolve("classes-" + told + ".txt");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load=info:file=" + loaded));
            if (told) {
                command.add("-D" + Main.GUICE_BYTECODE_GEN + "=ENABLED");
            }
            command.addAll(
                    List.of("-jar", JAR.toString(), "--store", "file:" + store, "consolidate", "--date", "2030-01-01"));
            Process run = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("startup.txt").toFile())
                    .start();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue())
                    .as(Files.readString(temp.resolve("startup.txt")))
                    .isZero();

            String classes = Files.readString(loaded);
            assertThat(classes).contains("com.google.inject.Guice ");
            assertThat(classes).doesNotContain("com.fasterxml.jackson.databind.type.TypeFactory ");
            if (told) {
                assertThat(classes).contains("com.google.inject.internal.asm.");
            } else {
                assertThat(classes).doesNotContain("com.google.inject.internal.asm.");
            }
        }
    }

    @Test
    void aMissingOrForeignClassDataArchiveNeverChangesWhatARunDoesOrPrints() throws Exception {
        Path garbage = Files.writeString(temp.resolve("garbage.jsa"), "not an archive – “Ærø”");
        Result plain = entrypoint(Map.of("FEEDSTORE_CDS_ARCHIVE", ""), "consolidate", "--dry-run");
        for (String archive :
                List.of(garbage.toString(), temp.resolve("missing.jsa").toString())) {
            Result run = entrypoint(Map.of("FEEDSTORE_CDS_ARCHIVE", archive), "consolidate", "--dry-run");

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).as(archive).isEqualTo(plain.out);
            // Every stderr line is still a JSON log line: no JVM warning about the archive.
            assertThat(logLines(run)).hasSameSizeAs(logLines(plain));
        }
    }

    /** Batch jobs: the parallel collector, unless the job's options name a collector themselves. */
    @Test
    void theContainerRunsTheParallelCollectorUnlessItsOptionsNameAnother() throws Exception {
        String image = imageEnvironment.get("FEEDSTORE_JAVA_OPTS");
        Result chosen = entrypoint(Map.of("FEEDSTORE_JAVA_OPTS", image + " -Xlog:gc"), "consolidate", "--dry-run");
        Result named =
                entrypoint(Map.of("FEEDSTORE_JAVA_OPTS", image + " -XX:+UseG1GC -Xlog:gc"), "consolidate", "--dry-run");

        assertThat(chosen.exitCode).as(chosen.toString()).isZero();
        assertThat(chosen.out).contains("Using Parallel").contains("would write 60 rows to consolidated.parquet");
        assertThat(named.exitCode).as(named.toString()).isZero();
        assertThat(named.out).contains("Using G1").doesNotContain("Using Parallel");
    }

    /**
     * Consolidation's CPU goes to native compression, so it runs on C1 alone; every other command keeps the tiered
     * compilers. The command is found behind the global options, whichever way their values are written.
     */
    @Test
    void consolidationRunsOnTheFirstCompilerAloneAndEveryOtherCommandOnBoth() throws Exception {
        String flags = imageEnvironment.get("FEEDSTORE_JAVA_OPTS") + " -XX:+PrintFlagsFinal";
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

        Result consolidate = entrypoint(
                Map.of("FEEDSTORE_JAVA_OPTS", flags),
                "--log-level",
                "info",
                "--store",
                "file:" + store,
                "consolidate",
                "--dry-run");
        Result load = entrypoint(
                Map.of("FEEDSTORE_JAVA_OPTS", flags),
                "--log-level=warn",
                "load",
                "--from",
                yesterday,
                "--to",
                yesterday);
        Result named = entrypoint(
                Map.of("FEEDSTORE_JAVA_OPTS", flags + " -XX:TieredStopAtLevel=4"), "consolidate", "--dry-run");

        assertThat(consolidate.exitCode).as(consolidate.toString()).isZero();
        assertThat(stopLevel(consolidate)).as(consolidate.args).isEqualTo(1);
        assertThat(consolidate.out).contains("would write 60 rows to consolidated.parquet");
        assertThat(load.exitCode).as(load.toString()).isZero();
        assertThat(stopLevel(load)).as(load.args).isEqualTo(4);
        assertThat(load.out).contains("Gmail 59");
        assertThat(named.exitCode).as(named.toString()).isZero();
        assertThat(stopLevel(named)).as("options naming the compilers win").isEqualTo(4);
    }

    /** TieredStopAtLevel as the JVM printed it (-XX:+PrintFlagsFinal). */
    private static int stopLevel(Result run) {
        Matcher flag = Pattern.compile("intx TieredStopAtLevel\\s+= (\\d)").matcher(run.out);
        assertThat(flag.find()).as("the JVM's flags in " + run).isTrue();
        return Integer.parseInt(flag.group(1));
    }

    @Test
    void aBadSettingIsRefusedWithExitTwoAndOneClearLine() throws Exception {
        Result run = entrypoint(Map.of("CONSOLIDATION_MIN_ROWS", "fifty"), "consolidate");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(logLines(run)).singleElement().satisfies(l -> {
            assertThat(l.get("severity").asText()).isEqualTo("ERROR");
            assertThat(l.get("message").asText())
                    .isEqualTo("feedstore consolidate: CONSOLIDATION_MIN_ROWS 'fifty'"
                            + " is not accepted: use a whole number of rows, 0 or more");
        });
        assertThat(run.out).isEmpty();
    }

    @Test
    void aFailedPartitionExitsWithOneAndLogsAnError() throws Exception {
        Path partition;
        try (Stream<Path> dirs = Files.walk(store.resolve(TABLE + "source=rss"))) {
            partition = dirs.filter(p -> p.getFileName().toString().startsWith("release_date="))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(partition.resolve("legacy_broken.parquet"), "not parquet");

        Result run = entrypoint(Map.of(), "consolidate");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(logLines(run)).anySatisfy(l -> {
            assertThat(l.get("severity").asText()).isEqualTo("ERROR");
            assertThat(l.get("source").asText()).isEqualTo("rss");
            assertThat(l.get("status").asText()).isEqualTo("FAILED");
        });
    }

    @Test
    void withoutAConfiguredStoreTheContainerRefusesToConsolidateAnEmptyDefault() throws Exception {
        Result run = entrypoint(Map.of("FEEDSTORE_STORE", ""), "consolidate");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(logLines(run))
                .singleElement()
                .satisfies(l -> assertThat(l.get("message").asText()).contains("feedstore-data", "does not exist"));
    }

    @Test
    void aMissingJarIsOneLineAndExitTwo() throws Exception {
        Result run = entrypoint(Map.of("FEEDSTORE_JAR", temp.resolve("nope.jar").toString()), "consolidate");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.strip()).doesNotContain("\n").contains("FEEDSTORE_JAR", "nope.jar", "is not a file");
    }

    /** What one run of the entrypoint did. */
    private record Result(String args, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "entrypoint.sh " + args + " -> exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
