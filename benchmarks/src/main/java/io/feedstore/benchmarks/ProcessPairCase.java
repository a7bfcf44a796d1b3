package io.feedstore.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Cases 2 and 3 as a user runs them: {@code feedstore consolidate} as a process of its own (as {@code ./feedstore}
 * starts it: the runnable jar with its class-data sharing archive) against a fresh JVM that loads DuckDB's driver
 * and runs the design's one statement over the same files. JVM start, class loading and JIT warm-up are part of
 * both figures, as they are of every scheduled run.
 */
final class ProcessPairCase {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private ProcessPairCase() {}

    static Report.Section run(Bench bench, int number, String name, Workload.PartitionInput input, int runs)
            throws Exception {
        Path jar = bench.options.feedstoreJar().toAbsolutePath();
        if (!Files.exists(jar)) {
            String missing = "not measured: " + jar + " is missing";
            return new Report.Section(
                    List.of(new Report.Row(number + ". " + name + ": whole processes", missing, "-", "n/a", "n/a")),
                    List.of(),
                    "### Case " + number + " as whole processes\n\n" + missing + ".\n");
        }
        Path archive = jar.resolveSibling("feedstore.jsa");
        boolean shared = Files.exists(archive);
        Path logs = bench.work.resolve("logs");
        String slug = "case" + number + "-process";
        Bench.log("case " + number + " (" + name + ") as whole processes: " + runs + " round(s)");

        Measurement.Trial feedstore = new Measurement.Trial() {
            private Path store;
            private ChildJvm.Outcome outcome;

            @Override
            public void prepare(int run) {
                store = bench.dir("runs/" + slug + "-feedstore");
                Trees.copyStore(input.root(), store);
            }

            @Override
            public void run(int run) {
                List<String> command = ChildJvm.feedstore(
                        jar,
                        shared ? archive : null,
                        store,
                        "consolidate",
                        "--date",
                        input.partition().releaseDate().toString(),
                        "--sources",
                        input.partition().source().value());
                outcome = ChildJvm.run(command, TIMEOUT, logs);
            }

            @Override
            public void cleanUp(int run, boolean last) {
                if (!outcome.ok()) {
                    throw new IllegalStateException("feedstore consolidate as a process failed: " + outcome.failure());
                }
                Path consolidated =
                        store.resolve(input.partition().consolidatedKey().value());
                List<Path> left = Trees.files(consolidated.getParent(), ".parquet");
                if (!left.equals(List.of(consolidated))) {
                    throw new IllegalStateException("after `feedstore consolidate` the partition should hold only "
                            + consolidated.getFileName() + ", it holds " + left.size() + " files");
                }
                Trees.delete(store);
            }
        };
        Path list = bench.file("runs/" + slug + "-inputs.txt");
        Files.write(list, input.files().stream().map(Path::toString).toList());
        Path out = bench.work.resolve("runs/" + slug + "-duckdb.parquet");
        Measurement.Trial duckdb = new Measurement.Trial() {
            private ChildJvm.Outcome outcome;

            @Override
            public void prepare(int run) throws IOException {
                Files.deleteIfExists(out);
            }

            @Override
            public void run(int run) {
                outcome = ChildJvm.java(
                        List.of(), List.of("duckdb-consolidate", list.toString(), out.toString()), TIMEOUT, logs);
            }

            @Override
            public void cleanUp(int run, boolean last) throws Exception {
                if (!outcome.ok()) {
                    throw new IllegalStateException("DuckDB in a fresh JVM failed: " + outcome.failure());
                }
                long rows = bench.duckdb.queryLong("SELECT count(*) FROM read_parquet(" + DuckDb.literal(out) + ")");
                if (rows != input.distinct()) {
                    throw new IllegalStateException(
                            "DuckDB in a fresh JVM wrote " + rows + " rows, expected " + input.distinct());
                }
                Files.deleteIfExists(out);
            }
        };

        Measurement.Pair pair = Measurement.alternate(0, runs, feedstore, duckdb, null, null);
        double ratio = pair.ratio();
        String what = "Case " + number + " (" + name + ") as whole processes, JVM start included";
        List<Report.Row> rows = List.of(new Report.Row(
                number + ". " + name + ": consolidation as whole processes (JVM start included)",
                Report.seconds(pair.feedstore().medianSeconds()),
                Report.seconds(pair.duckdb().medianSeconds()),
                Report.ratio(ratio),
                Report.verdict(ratio <= 1.0)));
        List<Report.Target> targets =
                List.of(new Report.Target(what + ": time ≤ 1.0× DuckDB", Report.ratio(ratio), ratio <= 1.0));

        StringBuilder md = new StringBuilder("### Case " + number + " as whole processes\n\n");
        md.append("The input of case ")
                .append(number)
                .append(" (")
                .append(Report.count(input.rows()))
                .append(" rows in ")
                .append(input.files().size())
                .append(" files). feedstore: `java")
                .append(shared ? " -XX:SharedArchiveFile=bootstrap/target/feedstore.jsa" : "")
                .append(" " + String.join(" ", ChildJvm.launcherOptions("consolidate")))
                .append(" -jar bootstrap/target/feedstore.jar --store file:<fresh copy> consolidate --date ")
                .append(input.partition().releaseDate())
                .append(" --sources ")
                .append(input.partition().source().value())
                .append("`, as `./feedstore` runs it")
                .append(shared ? "" : " (**no class-data sharing archive was found**)")
                .append(". DuckDB: a fresh JVM (same `java`, the harness's class path) that loads the driver, connects")
                .append(" in memory and runs the COPY of case ")
                .append(number)
                .append(". Wall time seen by the parent; CPU is the child's (user + system, from the parent's")
                .append(" accounting of its waited-for children). No warm-up: every run is a cold start.\n\n");
        md.append(Report.table(
                List.of("engine", "median", "runs", "CPU (median)", "cores busy"),
                List.of(
                        YearLoadCase.seriesRow("feedstore `consolidate` process", pair.feedstore()),
                        YearLoadCase.seriesRow("DuckDB in a fresh JVM", pair.duckdb()))));
        md.append("\nRatio feedstore / DuckDB: ").append(Report.ratio(ratio)).append(".\n");
        return new Report.Section(
                rows,
                targets,
                md.toString(),
                java.util.Map.of(
                        "processCase", (double) number,
                        "processFeedstore", pair.feedstore().medianSeconds(),
                        "processFeedstoreCpu", pair.feedstore().medianCpuSeconds(),
                        "processDuckdb", pair.duckdb().medianSeconds()));
    }
}
