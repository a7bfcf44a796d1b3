package io.feedstore.benchmarks;

import io.feedstore.adapters.hashing.Xxh3RowHash;
import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.localfs.TemporaryFileSpillSpace;
import io.feedstore.application.ConsolidatePartitions;
import io.feedstore.application.ConsolidationSettings;
import io.feedstore.application.RunMode;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cases 1-3: consolidate one partition's batch files. feedstore runs its whole use case (list, read, deduplicate,
 * write ZSTD 9 with a compare-and-swap, read back and verify, delete the inputs); DuckDB runs the design's COPY
 * one-liner over the same files. Each feedstore run starts from a fresh copy of the same inputs.
 */
final class ConsolidationCase {

    /** The last run's outputs of both engines, for the compression case. */
    record Outputs(String name, Workload.PartitionInput input, Path feedstore, Path duckdb) {}

    private ConsolidationCase() {}

    static Report.Section run(
            Bench bench,
            int number,
            String name,
            Workload.PartitionInput input,
            Workload.PartitionInput warmInput,
            int warmups,
            int runs,
            boolean withTargets)
            throws Exception {
        return run(bench, number, Integer.toString(number), name, input, warmInput, warmups, runs, withTargets);
    }

    /** As above, shown as case {@code label} (a variant of case {@code number}, such as "2a"). */
    static Report.Section run(
            Bench bench,
            int number,
            String label,
            String name,
            Workload.PartitionInput input,
            Workload.PartitionInput warmInput,
            int warmups,
            int runs,
            boolean withTargets)
            throws Exception {
        String slug = "case" + label;
        Bench.log("case " + label + " (" + name + "): " + warmups + " warm-up round(s)"
                + (warmInput == input ? "" : " on " + Report.count(warmInput.rows()) + " rows") + ", " + runs
                + " measured round(s)");
        Path fsOut = bench.file("outputs/" + slug + "-feedstore.parquet");
        Path duckOut = bench.file("outputs/" + slug + "-duckdb.parquet");
        FeedstoreTrial feedstore = new FeedstoreTrial(bench, input, slug, fsOut);
        DuckDbTrial duckdb = new DuckDbTrial(bench, input, slug, duckOut);
        Measurement.Pair pair = Measurement.alternate(
                warmups,
                runs,
                feedstore,
                duckdb,
                warmInput == input ? null : new FeedstoreTrial(bench, warmInput, slug + "warm", null),
                warmInput == input ? null : new DuckDbTrial(bench, warmInput, slug + "warm", null));
        bench.outputs.put(name, new Outputs(name, input, fsOut, duckOut));

        long fsBytes = Trees.size(fsOut);
        long duckBytes = Trees.size(duckOut);
        long differing = bench.duckdb.rowsDiffering(fsOut, duckOut);
        double timeRatio = pair.ratio();
        double bytesRatio = (double) fsBytes / duckBytes;

        List<Report.Row> rows = new ArrayList<>();
        rows.add(new Report.Row(
                label + ". " + name + ": consolidation time",
                Report.seconds(pair.feedstore().medianSeconds()),
                Report.seconds(pair.duckdb().medianSeconds()),
                Report.ratio(timeRatio),
                withTargets ? Report.verdict(timeRatio <= 1.0) : "(no target)"));
        List<Report.Target> targets = new ArrayList<>();
        if (withTargets) {
            targets.add(new Report.Target(
                    "Case " + label + " (" + name + "): consolidation time ≤ 1.0× DuckDB",
                    Report.ratio(timeRatio),
                    timeRatio <= 1.0));
            targets.add(new Report.Target(
                    "Case " + label + " (" + name + "): output bytes ≤ 1.0× DuckDB",
                    Report.ratio(bytesRatio),
                    bytesRatio <= 1.0));
        }
        if (differing != 0) {
            targets.add(new Report.Target(
                    "Case " + label + ": both engines produce the same rows", differing + " rows differ", false));
        }

        StringBuilder md = new StringBuilder();
        md.append("### Case ").append(label).append(": ").append(name).append("\n\n");
        md.append("Input: one partition, ")
                .append(Report.count(input.rows()))
                .append(" rows in ")
                .append(input.files().size())
                .append(" snappy batch files (")
                .append(Report.bytes(input.bytes()))
                .append("), ")
                .append(Report.count(input.distinct()))
                .append(" distinct ids (")
                .append(Report.count(input.rows() - input.distinct()))
                .append(" rows are newer versions of an id).")
                .append(" Warm-up: ")
                .append(warmups)
                .append(" round(s)")
                .append(
                        warmInput == input
                                ? " on the same input"
                                : " on the " + Report.count(warmInput.rows())
                                        + "-row input of case 2 (same code paths; a full-size warm-up would double the case's time)")
                .append(".\n\n");
        md.append(Report.table(
                List.of(
                        "engine",
                        "median",
                        "runs",
                        "CPU (median)",
                        "cores busy",
                        "output",
                        "output layout (DuckDB's parquet_metadata)"),
                List.of(
                        List.of(
                                "feedstore",
                                Report.seconds(pair.feedstore().medianSeconds()),
                                pair.feedstore().allSeconds(),
                                Report.seconds(pair.feedstore().medianCpuSeconds()),
                                Report.number(pair.feedstore().medianCores(), 2),
                                Report.exactBytes(fsBytes),
                                bench.duckdb.layout(fsOut)),
                        List.of(
                                "DuckDB",
                                Report.seconds(pair.duckdb().medianSeconds()),
                                pair.duckdb().allSeconds(),
                                Report.seconds(pair.duckdb().medianCpuSeconds()),
                                Report.number(pair.duckdb().medianCores(), 2),
                                Report.exactBytes(duckBytes),
                                bench.duckdb.layout(duckOut)))));
        md.append("\nRatio feedstore / DuckDB: time ")
                .append(Report.ratio(timeRatio))
                .append(", output bytes ")
                .append(Report.ratio(bytesRatio))
                .append(". Same rows in both outputs: ")
                .append(
                        differing == 0
                                ? "yes (EXCEPT ALL both ways is empty)"
                                : "**NO: " + differing + " rows differ**")
                .append(".\n");
        md.append("\nWhere the bytes are, per column (compressed bytes summed over row groups; encodings as the files")
                .append(" declare them):\n\n");
        java.util.Map<String, DuckDb.ColumnBytes> fsColumns = bench.duckdb.columnBytes(fsOut);
        java.util.Map<String, DuckDb.ColumnBytes> duckColumns = bench.duckdb.columnBytes(duckOut);
        List<List<String>> columnRows = new ArrayList<>();
        for (var column : fsColumns.entrySet()) {
            DuckDb.ColumnBytes theirs = duckColumns.get(column.getKey());
            DuckDb.ColumnBytes ours = column.getValue();
            columnRows.add(List.of(
                    "`" + column.getKey() + "`",
                    Report.exactBytes(ours.compressed()),
                    theirs == null ? "-" : Report.exactBytes(theirs.compressed()),
                    theirs == null ? "-" : Report.exactBytes(ours.compressed() - theirs.compressed()),
                    ours.encodings(),
                    theirs == null ? "-" : theirs.encodings()));
        }
        md.append(Report.table(
                List.of("column", "feedstore", "DuckDB", "difference", "feedstore encodings", "DuckDB encodings"),
                columnRows));
        int fsPages = ParquetPages.dataPages(fsOut, "full_text");
        int duckPages = ParquetPages.dataPages(duckOut, "full_text");
        md.append("\n`full_text` is written in ")
                .append(Report.count(fsPages))
                .append(" data pages by feedstore and ")
                .append(Report.count(duckPages))
                .append(" by DuckDB (counted from the page headers).\n");
        long textGap = fsColumns.get("full_text").compressed()
                - duckColumns.get("full_text").compressed();
        double zstdAlone = -1;
        if (withTargets) {
            // Recompressing a large file takes a minute a round: one round is enough there.
            int rounds = fsBytes < 200_000_000L ? 3 : 1;
            ParquetPages.ZstdAlone zstd = ParquetPages.zstdAlone(fsOut, 9, rounds);
            zstdAlone = zstd.seconds();
            md.append("\nZSTD level 9 alone, on one thread, recompressing the ")
                    .append(Report.count(zstd.pages()))
                    .append(" pages of feedstore's output (")
                    .append(Report.bytes(zstd.uncompressedBytes()))
                    .append(" uncompressed, ")
                    .append(Report.bytes(zstd.compressedBytes()))
                    .append(" compressed): ")
                    .append(Report.seconds(zstd.seconds()))
                    .append(rounds > 1 ? " (fastest of " + rounds + ")" : "")
                    .append(". Both engines pay this on the same bytes: on 2 cores it is at least ")
                    .append(Report.seconds(zstd.seconds() / 2))
                    .append(" of any consolidation's time, against DuckDB's whole consolidation of ")
                    .append(Report.seconds(pair.duckdb().medianSeconds()))
                    .append(" (CPU ")
                    .append(Report.seconds(pair.duckdb().medianCpuSeconds()))
                    .append(", so about ")
                    .append(Report.seconds(Math.max(0, pair.duckdb().medianCpuSeconds() - zstd.seconds())))
                    .append(" of it besides compression; feedstore's CPU besides compression: about ")
                    .append(Report.seconds(Math.max(0, pair.feedstore().medianCpuSeconds() - zstd.seconds())))
                    .append(").\n");
        }
        return new Report.Section(
                rows,
                targets,
                md.toString(),
                java.util.Map.ofEntries(
                        java.util.Map.entry("feedstoreSeconds", pair.feedstore().medianSeconds()),
                        java.util.Map.entry("duckdbSeconds", pair.duckdb().medianSeconds()),
                        java.util.Map.entry("feedstoreCpu", pair.feedstore().medianCpuSeconds()),
                        java.util.Map.entry("duckdbCpu", pair.duckdb().medianCpuSeconds()),
                        java.util.Map.entry("feedstoreCores", pair.feedstore().medianCores()),
                        java.util.Map.entry("duckdbCores", pair.duckdb().medianCores()),
                        java.util.Map.entry("case", (double) number),
                        java.util.Map.entry("bytesGap", (double) (fsBytes - duckBytes)),
                        java.util.Map.entry("textGap", (double) textGap),
                        java.util.Map.entry("fsTextPages", (double) fsPages),
                        java.util.Map.entry("duckTextPages", (double) duckPages),
                        java.util.Map.entry("rowGroups", Math.ceil(input.distinct() / 10_000.0)),
                        java.util.Map.entry("zstdAloneSeconds", zstdAlone)));
    }

    /** feedstore's use case on a fresh copy of the inputs; checks the report, keeps the last output. */
    private static final class FeedstoreTrial implements Measurement.Trial {
        private final Bench bench;
        private final Workload.PartitionInput input;
        private final String slug;
        private final Path keep;
        private Path store;
        private PartitionReport report;

        FeedstoreTrial(Bench bench, Workload.PartitionInput input, String slug, Path keep) {
            this.bench = bench;
            this.input = input;
            this.slug = slug;
            this.keep = keep;
        }

        @Override
        public void prepare(int run) {
            store = bench.dir("runs/" + slug + "-feedstore");
            Trees.copyStore(input.root(), store);
        }

        @Override
        public void run(int run) {
            report = new ConsolidatePartitions(
                            new LocalFileSystemObjectStore(store),
                            bench.codec,
                            TemporaryFileSpillSpace.inSystemTemp(),
                            ConsolidationSettings.DEFAULT,
                            new Xxh3RowHash())
                    .consolidate(input.partition(), RunMode.APPLY);
        }

        @Override
        public void cleanUp(int run, boolean last) throws IOException {
            if (report.status() != PartitionStatus.CONSOLIDATED
                    || report.finalRows() != input.distinct()
                    || report.inputRows() != input.rows()) {
                throw new IllegalStateException("feedstore's consolidation of " + input.partition() + " did not do"
                        + " the job: " + report.status() + ", " + report.inputRows() + " rows in, " + report.finalRows()
                        + " out (expected " + input.rows() + " in, " + input.distinct() + " out): "
                        + report.detail().getOrElse(""));
            }
            Path consolidated =
                    store.resolve(input.partition().consolidatedKey().value());
            List<Path> left = Trees.files(consolidated.getParent(), ".parquet");
            if (!left.equals(List.of(consolidated))) {
                throw new IllegalStateException("after consolidation the partition should hold only "
                        + consolidated.getFileName() + ", it holds " + left.size() + " files");
            }
            if (last && keep != null) {
                Files.move(consolidated, keep, StandardCopyOption.REPLACE_EXISTING);
            }
            Trees.delete(store);
        }
    }

    /** The design's DuckDB one-liner over the same files; checks the row count, keeps the last output. */
    private static final class DuckDbTrial implements Measurement.Trial {
        private final Bench bench;
        private final Workload.PartitionInput input;
        private final Path out;
        private final Path keep;

        DuckDbTrial(Bench bench, Workload.PartitionInput input, String slug, Path keep) {
            this.bench = bench;
            this.input = input;
            this.out = bench.work.resolve("runs/" + slug + "-duckdb.parquet");
            this.keep = keep;
        }

        @Override
        public void prepare(int run) throws IOException {
            Files.createDirectories(out.getParent());
            Files.deleteIfExists(out);
        }

        @Override
        public void run(int run) throws Exception {
            bench.duckdb.execute(DuckDb.consolidate(input.files(), out));
        }

        @Override
        public void cleanUp(int run, boolean last) throws Exception {
            long rows = bench.duckdb.queryLong("SELECT count(*) FROM read_parquet(" + DuckDb.literal(out) + ")");
            if (rows != input.distinct()) {
                throw new IllegalStateException("DuckDB's consolidation of " + input.partition() + " wrote " + rows
                        + " rows, expected " + input.distinct());
            }
            if (last && keep != null) {
                Files.move(out, keep, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(out);
            }
        }
    }
}
