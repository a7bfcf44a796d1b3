package io.feedstore.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded memory: case 3's consolidation in a child JVM under {@code -Xmx256m} (the target), then under larger
 * heaps until one suffices, each attempt on a fresh copy of the inputs. DuckDB's peer runs the same COPY under
 * {@code memory_limit='256MB'} (it may spill to a temporary directory).
 */
final class MemoryCase {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(15);

    private MemoryCase() {}

    /** The child's options: the heap tried, then the options {@code ./feedstore} gives a consolidate process. */
    private static List<String> memoryChildOptions(String heap) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        options.addAll(ChildJvm.launcherOptions("consolidate"));
        return options;
    }

    static Report.Section run(Bench bench) throws Exception {
        Workload.PartitionInput big = bench.big();
        // Give the heap this JVM no longer needs back to the system (G1 shrinks after a full collection), so that
        // a child with a large heap and this process fit in memory together.
        System.gc();
        System.gc();
        List<List<String>> attempts = new ArrayList<>();
        boolean targetMet = false;
        String sufficient = null;
        for (String heap : bench.options.heaps()) {
            Path store = bench.dir("runs/memory-feedstore");
            Trees.copyStore(big.root(), store);
            Bench.log("bounded memory: case 3 consolidation in a child JVM with -Xmx" + heap);
            ChildJvm.Outcome outcome = ChildJvm.java(
                    memoryChildOptions(heap),
                    List.of(
                            "consolidate",
                            store.toString(),
                            big.partition().source().value(),
                            big.partition().releaseDate().toString()),
                    ATTEMPT_TIMEOUT,
                    bench.work.resolve("logs"));
            Trees.delete(store);
            boolean ok = outcome.ok()
                    && outcome.value("status").equals("CONSOLIDATED")
                    && outcome.value("finalRows").equals(Integer.toString(big.distinct()));
            attempts.add(List.of(
                    "-Xmx" + heap,
                    ok ? "succeeded" : "failed: " + outcome.failure(),
                    Report.seconds(outcome.wallSeconds()),
                    ok ? outcome.value("heapAfterGcMB") + " MB" : "-"));
            if (heap.equalsIgnoreCase("256m")) {
                targetMet = ok;
            }
            if (ok) {
                sufficient = heap;
                break;
            }
        }

        Bench.log("bounded memory: DuckDB's COPY under memory_limit='256MB'");
        Path spill = bench.dir("runs/duckdb-spill");
        Path out = bench.file("runs/memory-duckdb.parquet");
        String duckdbOutcome;
        double duckdbSeconds = Double.NaN;
        // A database of its own: the limit and the spill directory are fixed when a DuckDB instance starts.
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("memory_limit", "256MB");
        settings.setProperty("temp_directory", spill.toString());
        try (java.sql.Connection limited = java.sql.DriverManager.getConnection("jdbc:duckdb:", settings);
                java.sql.Statement statement = limited.createStatement()) {
            long t0 = System.nanoTime();
            statement.execute(DuckDb.consolidate(big.files(), out));
            duckdbSeconds = (System.nanoTime() - t0) / 1e9;
            long rows = bench.duckdb.queryLong("SELECT count(*) FROM read_parquet(" + DuckDb.literal(out) + ")");
            duckdbOutcome =
                    rows == big.distinct() ? "succeeded" : "wrote " + rows + " rows, expected " + big.distinct();
        } catch (java.sql.SQLException e) {
            String message = String.valueOf(e.getMessage())
                    .lines()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse("");
            duckdbOutcome = "failed: " + message;
        } finally {
            Files.deleteIfExists(out);
            Trees.delete(spill);
        }

        String rowsLabel = Report.count(big.rows()) + " rows";
        List<Report.Row> rows = List.of(new Report.Row(
                "Bounded memory: case 3 (" + rowsLabel + ") consolidation at 256 MB",
                "-Xmx256m: " + (targetMet ? "succeeded" : "failed")
                        + (sufficient == null
                                ? "; no heap tried sufficed"
                                : targetMet ? "" : "; smallest heap tried that sufficed: -Xmx" + sufficient),
                "memory_limit 256MB: " + duckdbOutcome
                        + (Double.isNaN(duckdbSeconds) ? "" : " in " + Report.seconds(duckdbSeconds)),
                "",
                Report.verdict(targetMet)));
        List<Report.Target> targets = List.of(new Report.Target(
                "Case 3 (" + rowsLabel + ") consolidates under -Xmx256m",
                targetMet ? "succeeded" : "failed" + (sufficient == null ? "" : "; needs about -Xmx" + sufficient),
                targetMet));
        StringBuilder md = new StringBuilder("### Bounded memory\n\n");
        md.append("Case 3's consolidation (")
                .append(rowsLabel)
                .append(", ")
                .append(big.files().size())
                .append(" batch files, ")
                .append(Report.bytes(big.bytes()))
                .append(") in a child JVM (`ChildJobs consolidate`, `")
                .append(String.join(" ", memoryChildOptions("<heap>")))
                .append("`: the launcher's options for consolidate), each")
                .append(" attempt on a fresh copy of the inputs, heaps tried in order until one succeeds:\n\n");
        md.append(Report.table(List.of("heap", "outcome", "wall time", "most heap in use right after a GC"), attempts));
        md.append("\nDuckDB, same COPY over the same files in this process with `SET memory_limit='256MB'` and a")
                .append(" spill directory: ")
                .append(duckdbOutcome)
                .append(Double.isNaN(duckdbSeconds) ? "" : " in " + Report.seconds(duckdbSeconds))
                .append(".\n");
        return new Report.Section(rows, targets, md.toString());
    }
}
