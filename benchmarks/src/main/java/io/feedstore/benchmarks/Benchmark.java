package io.feedstore.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The harness: runs every case on generated data, feedstore and DuckDB side by side in this process,
 * and rewrites RESULTS.md. Run it through {@code ./feedstore-bench} at the repository root.
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path written = run(options);
        System.err.println("feedstore-bench: wrote " + written.toAbsolutePath());
    }

    /** Runs what the options ask for and writes the results file; returns its path. */
    static Path run(BenchOptions options) throws Exception {
        String loadBefore = loadAverage();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        long t0 = System.nanoTime();
        List<Report.Section> sections = new ArrayList<>();
        List<Profiles.Profile> profiles = new ArrayList<>();
        String duckdbVersion;
        String duckdbSettings;
        String workDir;
        Map<String, Double> interference;
        try (Bench bench = new Bench(options)) {
            workDir = bench.work.toString();
            Bench.log("scratch directory " + bench.work + "; load average " + loadBefore);
            duckdbVersion = bench.duckdb.queryRow("SELECT version()").get(0);
            List<String> settings = bench.duckdb.queryRow("SELECT current_setting('threads'),"
                    + " current_setting('memory_limit'), current_setting('preserve_insertion_order')");
            duckdbSettings = "threads " + settings.get(0) + ", memory_limit " + settings.get(1)
                    + ", preserve_insertion_order " + settings.get(2);
            // After each case, the results so far go to RESULTS.md.partial: a run stopped half-way still leaves them.
            java.util.function.Consumer<Report.Section> keep = section -> {
                sections.add(section);
                writePartial(
                        options,
                        started,
                        t0,
                        loadBefore,
                        duckdbVersion,
                        duckdbSettings,
                        workDir,
                        sections,
                        bench.interference);
            };
            int runs = options.runs();
            int bigRuns = options.bigRuns();
            int warm = options.warmups();
            if (options.runs(1)) {
                Workload.PartitionInput day = bench.day();
                keep.accept(bench.watched(
                        "case 1",
                        () -> ConsolidationCase.run(bench, 1, "Day", day, day, Math.max(warm, 2), runs, false)));
            }
            if (options.runs(2)) {
                Workload.PartitionInput busy = bench.busy();
                keep.accept(bench.watched(
                        "case 2",
                        () -> ConsolidationCase.run(bench, 2, "Busy partition", busy, busy, warm, runs, true)));
                Workload.PartitionInput ascii = bench.busyAscii();
                keep.accept(bench.watched(
                        "case 2a",
                        () -> ConsolidationCase.run(
                                bench,
                                2,
                                "2a",
                                "Busy partition, ASCII-only text (reference)",
                                ascii,
                                ascii,
                                warm,
                                runs,
                                false)));
                keep.accept(bench.watched(
                        "case 2 processes", () -> ProcessPairCase.run(bench, 2, "Busy partition", busy, runs)));
            }
            if (options.runs(3)) {
                Workload.PartitionInput big = bench.big();
                Workload.PartitionInput busy = bench.busy();
                keep.accept(bench.watched(
                        "case 3",
                        () -> ConsolidationCase.run(bench, 3, "Big partition", big, busy, warm, bigRuns, true)));
                keep.accept(bench.watched(
                        "case 3 processes", () -> ProcessPairCase.run(bench, 3, "Big partition", big, bigRuns)));
            }
            if (options.runs(4)) {
                bench.year();
                keep.accept(bench.watched("case 4", () -> YearLoadCase.run(bench, warm, runs)));
            }
            if (options.runs(7)) {
                keep.accept(bench.watched("case 7", () -> LoadCase.run(bench, warm, runs)));
            }
            if (options.runs(8)) {
                keep.accept(bench.watched("case 8", () -> BackfillCase.run(bench)));
            }
            if (options.runs(9)) {
                keep.accept(bench.watched("case 9", () -> IngestEmailCase.run(bench)));
            }
            if (options.runs(10)) {
                keep.accept(bench.watched("case 10", () -> ReplayCase.run(bench)));
            }
            if (options.runs(5)) {
                keep.accept(CompressionCase.run(bench));
            }
            if (options.runs(6)) {
                keep.accept(BatchWriterCase.run(bench, warm, bigRuns));
            }
            interference = new java.util.LinkedHashMap<>(bench.interference);
            if (options.memory()) {
                keep.accept(MemoryCase.run(bench));
            }
            if (options.startup()) {
                keep.accept(StartupCase.run(bench, runs));
            }
            if (options.profile()) {
                profiles.addAll(profile(bench));
            }
        }
        String loadAfter = loadAverage();
        double minutes = (System.nanoTime() - t0) / 60e9;
        Path results = options.results().toAbsolutePath();
        Files.createDirectories(results.getParent());
        String markdown = render(
                options,
                started,
                minutes,
                loadBefore,
                loadAfter,
                duckdbVersion,
                duckdbSettings,
                workDir,
                sections,
                profiles,
                interference);
        Files.writeString(results, markdown, StandardCharsets.UTF_8);
        Files.deleteIfExists(partial(options));
        return results;
    }

    private static Path partial(BenchOptions options) {
        Path results = options.results().toAbsolutePath();
        return results.resolveSibling(results.getFileName() + ".partial");
    }

    private static void writePartial(
            BenchOptions options,
            ZonedDateTime started,
            long t0,
            String loadBefore,
            String duckdbVersion,
            String duckdbSettings,
            String workDir,
            List<Report.Section> sections,
            Map<String, Double> interference) {
        try {
            Path partial = partial(options);
            Files.createDirectories(partial.getParent());
            Files.writeString(
                    partial,
                    "> **Partial results**, written after each case: this run had not finished"
                            + " when this file was last written (it may still be running, or have been stopped).\n\n"
                            + render(
                                    options,
                                    started,
                                    (System.nanoTime() - t0) / 60e9,
                                    loadBefore,
                                    loadAverage(),
                                    duckdbVersion,
                                    duckdbSettings,
                                    workDir,
                                    sections,
                                    List.of(),
                                    interference),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            Bench.log("could not write the partial results: " + e);
        }
    }

    private static List<Profiles.Profile> profile(Bench bench) throws Exception {
        List<Profiles.Profile> profiles = new ArrayList<>();
        System.gc();
        List<Workload.PartitionInput> partitions = new ArrayList<>(List.of(bench.busy()));
        if (bench.options.runs(3)) {
            partitions.add(bench.big());
        }
        for (Workload.PartitionInput input : partitions) {
            String which = input == bench.busy() ? "case 2" : "case 3";
            Path store = bench.dir("runs/profile-consolidate");
            Trees.copyStore(input.root(), store);
            profiles.add(Profiles.record(
                    bench,
                    which + " consolidation (feedstore, " + Report.count(input.rows()) + " rows)",
                    which.replace(" ", "") + "-consolidate",
                    List.of(
                            "consolidate",
                            store.toString(),
                            input.partition().source().value(),
                            input.partition().releaseDate().toString())));
            Trees.delete(store);
        }
        Workload.YearInput year = bench.year();
        profiles.add(Profiles.record(
                bench,
                "case 4 year load (feedstore, " + Report.count(year.distinct()) + " press releases)",
                "case4-load",
                List.of(
                        "load",
                        year.root().toString(),
                        year.from().toString(),
                        year.to().toString())));
        Sizes sizes = bench.options.sizes();
        int records = Math.max(1, sizes.writerRecords() / 10);
        Path out = bench.dir("runs/profile-write");
        profiles.add(Profiles.record(
                bench,
                "case 6 batch writer (feedstore, " + Report.count(records) + " records)",
                "case6-write",
                List.of(
                        "write",
                        out.toString(),
                        Integer.toString(records),
                        Integer.toString(sizes.writerPartitions()),
                        Long.toString(bench.options.seed()))));
        Trees.delete(out);
        return profiles;
    }

    private static String render(
            BenchOptions options,
            ZonedDateTime started,
            double minutes,
            String loadBefore,
            String loadAfter,
            String duckdbVersion,
            String duckdbSettings,
            String workDir,
            List<Report.Section> sections,
            List<Profiles.Profile> profiles,
            Map<String, Double> interference) {
        StringBuilder md = new StringBuilder();
        md.append("# feedstore vs DuckDB: benchmark results\n\n");
        md.append("Written by `./feedstore-bench` (module `benchmarks`) on ")
                .append(started.format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(" at ")
                .append(started.format(DateTimeFormatter.ofPattern("HH:mm")))
                .append(" UTC, in ")
                .append(Report.number(minutes, 1))
                .append(" minutes. Do not edit: re-run to regenerate.")
                .append(" Ratios are feedstore / DuckDB: below 1.0× feedstore is faster (or smaller).\n\n");

        md.append("## Summary\n\n");
        List<List<String>> summary = new ArrayList<>();
        for (Report.Section section : sections) {
            for (Report.Row row : section.rows()) {
                summary.add(List.of(row.what(), row.feedstore(), row.duckdb(), row.ratio(), row.verdict()));
            }
        }
        md.append(Report.table(List.of("case", "feedstore", "DuckDB", "ratio", "target"), summary));
        List<Report.Target> targets =
                sections.stream().flatMap(s -> s.targets().stream()).toList();
        md.append("\n### Targets\n\n");
        if (targets.isEmpty()) {
            md.append("No target was measured in this run.\n");
        }
        for (Report.Target target : targets) {
            md.append("- ")
                    .append(target.met() ? "Met" : "**NOT met**")
                    .append(": ")
                    .append(target.what())
                    .append(" (measured: ")
                    .append(target.measured())
                    .append(")\n");
        }
        List<Report.Target> missed = targets.stream().filter(t -> !t.met()).toList();
        if (!missed.isEmpty()) {
            md.append("\n")
                    .append(missed.size())
                    .append(" of ")
                    .append(targets.size())
                    .append(" targets are **not met**")
                    .append(" by this run. Where the time goes is under [Profiles](#profiles-where-the-time-goes).\n");
        }

        md.append("\n## Machine and settings\n\n");
        md.append(machine(workDir)).append("\n");
        md.append("- Load average (1, 5, 15 min): before ")
                .append(loadBefore)
                .append(", after ")
                .append(loadAfter)
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores (the figure after")
                .append(" counts the harness's own last jobs).\n");
        md.append("- CPU taken by other processes while each timed case ran (cores, average; machine busy time from")
                .append(" /proc/stat minus this process's CPU time): ")
                .append(
                        interference.isEmpty()
                                ? "not measured"
                                : interference.entrySet().stream()
                                        .map(e -> e.getKey() + " " + Report.number(e.getValue(), 2))
                                        .collect(Collectors.joining(", ")))
                .append(".");
        double worst = interference.values().stream()
                .filter(v -> !Double.isNaN(v))
                .mapToDouble(v -> v)
                .max()
                .orElse(0);
        if (worst > 0.2) {
            md.append(" **Caveat: other work on this 2-core machine took up to ")
                    .append(Report.number(worst, 2))
                    .append(" cores during some cases; that slows both engines, DuckDB (which uses both cores) more")
                    .append(
                            " than feedstore (mostly one), so those ratios flatter feedstore. Re-run on a quiet machine")
                    .append(" for firm figures.**");
        }
        md.append("\n");
        md.append("- DuckDB ")
                .append(duckdbVersion)
                .append(" (duckdb_jdbc, in this JVM, in-memory database): ")
                .append(duckdbSettings)
                .append(".\n");
        md.append("- Data: ")
                .append(options.sizes().name())
                .append("; generator seed ")
                .append(options.seed())
                .append("; full_text 512-4,096 bytes (UTF-8) of generated press-release prose (a business word list")
                .append(
                        " drawn with a skewed frequency, boilerplate openings and closings) written as the feed writes:")
                .append(
                        " en-dashes and curly quotes in every text, Swedish/Finnish/Danish names and places in texts and")
                .append(" titles, and in ")
                .append(Report.number(100 * Prose.CJK_SHARE, 0))
                .append(" % of texts a CJK passage and emoji (case 2a: the same sizes in plain ASCII, for reference);")
                .append(" duplicates are newer")
                .append(" versions (later `ingested_at`, revised text and title) of ids seen earlier.\n");
        md.append("- Runs: median of ")
                .append(options.runs())
                .append(" measured runs (cases 3 and 6: ")
                .append(options.bigRuns())
                .append(") after ")
                .append(options.warmups())
                .append(" warm-up round(s) (case 1: at least 2); feedstore and DuckDB runs alternate. Every")
                .append(" feedstore consolidation starts from a fresh copy of the same inputs (hard links, made")
                .append(" outside the timed region); inputs are in the page cache for both engines.\n");
        md.append("- Settings compared: consolidated output ZSTD level 9, row groups of 10,000 rows, for both")
                .append(
                        " engines; batches snappy. DuckDB's consolidation is the design's one-liner: `COPY (SELECT * FROM")
                .append(" read_parquet([...], hive_partitioning=false) ")
                .append(DuckDb.NEWEST_PER_ID)
                .append(") TO '...' (")
                .append(DuckDb.CONSOLIDATED_OPTIONS)
                .append(")`. `hive_partitioning=false` is the one addition to")
                .append(
                        " the design's one-liner: without it DuckDB reads the `key=value` folders of the store's paths as")
                .append(" columns and writes a file with an extra `table` column and a DATE `release_date`, not the")
                .append(" production schema.\n");
        md.append("- What each side does: feedstore runs its whole use case: list, read, deduplicate, write with a")
                .append(" compare-and-swap (temporary file, fsync, link, directory fsync), read back and verify every")
                .append(" row, delete the inputs. DuckDB only reads and writes (no fsync, no verification, no")
                .append(" deletes). Those guarantees are part of feedstore's cost, and of what the targets ask it to")
                .append(" beat.\n");
        md.append("- Code: ")
                .append(gitDescription(options.results()))
                .append("; harness arguments: `")
                .append(String.join(" ", options.arguments()))
                .append("`.\n");
        md.append("- Scratch directory: `")
                .append(workDir)
                .append("`")
                .append(options.keepWork() ? " (kept)" : " (deleted)")
                .append(".\n");

        md.append("\n## Cases\n\n");
        for (Report.Section section : sections) {
            md.append(section.markdown()).append("\n");
        }

        md.append("## Profiles: where the time goes\n\n");
        if (profiles.isEmpty()) {
            md.append("Not profiled in this run (`--no-profile`).\n");
        } else {
            md.append("Each job below ran alone in a child JVM (`-Xmx")
                    .append(options.childHeap())
                    .append("`) under JFR (`jdk.ExecutionSample` and `jdk.NativeMethodSample` every 10 ms, stack")
                    .append(" depth 256), the recording covering the job only (not the JVM's start, nor generating")
                    .append(
                            " the batch writer's records); the summaries are computed from the recording with `jdk.jfr.consumer`. To")
                    .append(
                            " look yourself: `./feedstore-bench --keep ...`, then `jfr summary <scratch>/profiles/*.jfr`")
                    .append(" or `jfr print --events jdk.ExecutionSample <file>`.\n\n");
            for (Profiles.Profile profile : profiles) {
                md.append(profile.markdown()).append("\n");
            }
            md.append(closingTheGap(profiles, sections, missed.isEmpty()));
        }
        md.append("\n").append(levers());
        return md.toString();
    }

    /** Which of the performance issue's levers were taken and what each gave: kept beside the harness's code. */
    private static String levers() {
        try (java.io.InputStream in = Benchmark.class.getResourceAsStream("levers.md")) {
            if (in == null) {
                throw new IllegalStateException("levers.md is missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading levers.md from the benchmarks jar", e);
        }
    }

    /**
     * What the profiles and measurements point at, derived from their figures (each point only when its figure
     * calls for it), so that the text stays true when the code under test changes.
     */
    private static String closingTheGap(
            List<Profiles.Profile> profiles, List<Report.Section> sections, boolean allMet) {
        StringBuilder md =
                new StringBuilder(allMet ? "### Notes from the profiles\n\n" : "### What would close the gap\n\n");
        Map<String, Double> case2 = sections.stream()
                .map(Report.Section::metrics)
                .filter(m -> m.getOrDefault("case", 0.0) == 2.0)
                .findFirst()
                .orElse(Map.of());
        // The largest consolidation profiled says most about how the cost grows.
        Profiles.Profile consolidation = profiles.stream()
                .filter(p -> p.title().contains("consolidation"))
                .reduce((first, second) -> second)
                .orElse(profiles.get(0));
        Map<String, Double> phases = consolidation.phases();
        Map<String, Double> activities = consolidation.activities();
        if (phases.isEmpty()) {
            return md.append("The consolidation profile failed; see above.\n").toString();
        }
        md.append("From the profile of ").append(consolidation.title()).append(" and the measurements above.\n\n");
        List<String> points = new ArrayList<>();
        if (case2.containsKey("feedstoreCores")) {
            double cores = case2.get("feedstoreCores");
            points.add("**Cores.** In case 2 feedstore's consolidation kept " + Report.number(cores, 2)
                    + " cores busy (JIT and GC threads included), DuckDB's "
                    + Report.number(case2.get("duckdbCores"), 2)
                    + (cores < 1.5
                            ? ". Work that is independent per input file or per row group (decoding inputs,"
                                    + " compressing row groups) can keep both cores busy."
                            : "."));
        }
        double verify = phases.getOrDefault("verify: read back, decode, compare", 0.0);
        double read = phases.getOrDefault("read + decode inputs", 0.0);
        double encode = phases.getOrDefault("encode (Parquet writer)", 0.0);
        double dedup = phases.getOrDefault("deduplicate", 0.0);
        double store = phases.getOrDefault("object store (files, fsync, lock)", 0.0);
        points.add("Consolidation samples by phase: read + decode inputs " + pct(read) + ", deduplicate " + pct(dedup)
                + ", encode " + pct(encode) + ", verify " + pct(verify) + ", object store " + pct(store) + ".");
        double strings = activities.getOrDefault("strings ⇄ UTF-8 bytes", 0.0)
                + activities.getOrDefault("timestamps (java.time parse/format)", 0.0);
        if (read > 0.2) {
            points.add("**Reading inputs** is " + pct(read) + " of the samples: Parquet decoding of every input page"
                    + " (decompression, dictionary and level decoding) and the checks of each row's bytes; winning"
                    + " rows pass through as bytes, but every input row is still decoded once.");
        }
        if (strings > 0.1) {
            points.add("**Conversions** (Strings from UTF-8 and back, timestamps parsed and formatted) are "
                    + pct(strings) + " of the samples: what is left of them is in the rows decoded whole (tied"
                    + " candidates) and the key columns checked by the record's rules.");
        }
        if (verify > 0.15) {
            points.add("**Verification** is " + pct(verify) + " of the samples: comparing digests kept from the"
                    + " write with digests of the file read back needs no full records on either side.");
        }
        double compression = activities.getOrDefault("ZSTD compression", 0.0);
        if (compression > 0.15) {
            points.add("**ZSTD level 9** is " + pct(compression) + " of the samples: a cost both engines pay on the"
                    + " same bytes; only spreading it over both cores lowers its wall time.");
        }
        double zstdAlone = case2.getOrDefault("zstdAloneSeconds", -1.0);
        if (zstdAlone > 0 && case2.containsKey("feedstoreCpu")) {
            double fsBesides = Math.max(0, case2.get("feedstoreCpu") - zstdAlone);
            double duckBesides = Math.max(0, case2.get("duckdbCpu") - zstdAlone);
            points.add("**Work besides compression, measured.** ZSTD level 9 alone on case 2's output pages took "
                    + Report.seconds(zstdAlone) + " on one thread. Of its CPU, feedstore spent about "
                    + Report.seconds(fsBesides) + " on everything else, DuckDB about " + Report.seconds(duckBesides)
                    + ". On 2 cores feedstore's time can only reach DuckDB's once its work besides compression"
                    + " (Parquet decoding and encoding on the JVM, the checks of every row, the read-back that"
                    + " verifies the file, fsync, JIT and GC) costs no more CPU than DuckDB's and both cores stay busy"
                    + " to the end: compression is about " + pct(zstdAlone / case2.get("feedstoreCpu"))
                    + " of feedstore's CPU there and " + pct(Math.min(1, zstdAlone / case2.get("duckdbCpu")))
                    + " of DuckDB's.");
        } else if (compression > 0.15 && case2.containsKey("feedstoreCpu")) {
            double cpu = case2.get("feedstoreCpu");
            double besides = cpu * (1 - compression);
            points.add("**Work besides compression.** In case 2 feedstore used " + Report.seconds(cpu) + " of CPU, of"
                    + " which, by the profile's share, about " + Report.seconds(besides) + " outside ZSTD compression;"
                    + " DuckDB used " + Report.seconds(case2.get("duckdbCpu")) + " in all, its own ZSTD level 9 on the"
                    + " same bytes included. That remainder (Parquet decoding and encoding on the JVM, the"
                    + " read-back that verifies every row, fsync, JIT and GC) is what separates the two; with both engines"
                    + " bound by the same compression, feedstore can only draw level by taking it below DuckDB's"
                    + " non-compression work.");
        }
        Map<String, Double> processes = sections.stream()
                .map(Report.Section::metrics)
                .filter(m -> m.getOrDefault("processCase", 0.0) == 2.0)
                .findFirst()
                .orElse(Map.of());
        if (!processes.isEmpty() && case2.containsKey("feedstoreSeconds")) {
            double fsCold = processes.get("processFeedstore") - case2.get("feedstoreSeconds");
            double duckCold = processes.get("processDuckdb") - case2.get("duckdbSeconds");
            points.add("**Whole processes.** Case 2 as a process took feedstore "
                    + Report.seconds(processes.get("processFeedstore")) + " (CPU "
                    + Report.seconds(processes.get("processFeedstoreCpu")) + ") against "
                    + Report.seconds(case2.get("feedstoreSeconds")) + " in the warm harness, DuckDB "
                    + Report.seconds(processes.get("processDuckdb")) + " against "
                    + Report.seconds(case2.get("duckdbSeconds")) + ": a cold start (JVM, class loading, code the JIT"
                    + " has not compiled yet, for feedstore also the command line's own work such as looking for"
                    + " date corrections) adds " + Report.seconds(fsCold) + " to feedstore and "
                    + Report.seconds(duckCold) + " to DuckDB, whose work is native code from the first row.");
        }
        if (store > 0.1) {
            points.add("**Storage calls** are " + pct(store) + " of the samples (reading the inputs, writing and"
                    + " fsyncing the output): every extra pass over the inputs reads them again.");
        }
        double gcShare = consolidation.gcPauseSeconds() / consolidation.jobSeconds();
        if (gcShare > 0.05) {
            points.add("**Garbage collection** paused the job for " + Report.seconds(consolidation.gcPauseSeconds())
                    + " of " + Report.seconds(consolidation.jobSeconds()) + " (" + pct(gcShare) + "): the fewer objects"
                    + " a consolidation keeps alive across its steps, the less of this remains.");
        }
        for (Report.Section section : sections) {
            Map<String, Double> m = section.metrics();
            if (m.getOrDefault("bytesGap", 0.0) > 0 && m.getOrDefault("case", 0.0) >= 2) {
                boolean pages = m.get("fsTextPages") > m.get("duckTextPages");
                points.add("**Output bytes, case " + m.get("case").intValue() + ":** feedstore's file is "
                        + Report.exactBytes(m.get("bytesGap").longValue()) + " larger than DuckDB's; `full_text` alone"
                        + " differs by " + Report.exactBytes(m.get("textGap").longValue()) + ". feedstore writes it in "
                        + Report.count(m.get("fsTextPages").longValue()) + " pages, DuckDB in "
                        + Report.count(m.get("duckTextPages").longValue()) + " ("
                        + Report.count(m.get("rowGroups").longValue()) + " row groups)"
                        + (pages
                                ? ". A page is compressed on its own, so fewer, larger pages for the long text"
                                        + " columns give ZSTD the context DuckDB's pages give it."
                                : "."));
            }
        }
        sections.stream()
                .flatMap(section -> section.targets().stream())
                .filter(t -> t.what().contains("-Xmx256m") && !t.met())
                .findFirst()
                .ifPresent(t -> points.add("**Bounded memory:** " + t.measured() + ". A first pass that keeps only"
                        + " ids, timestamps and digests, and a second that streams the winning rows one row group at a"
                        + " time, keep the heap independent of the partition's size."));
        for (String point : points) {
            md.append("- ").append(point).append("\n");
        }
        return md.toString();
    }

    private static String pct(double fraction) {
        return Report.number(100 * fraction, 0) + " %";
    }

    private static String machine(String workDir) {
        Runtime runtime = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return "- CPU: " + cpuModel() + ", " + runtime.availableProcessors() + " cores available to the JVM\n"
                + "- Memory: " + memTotal() + "\n"
                + "- OS: " + osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", " + System.getProperty("os.arch") + ")\n"
                + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", options `"
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + "`, max heap " + (runtime.maxMemory() >> 20) + " MB, GC " + gcs + "\n"
                + "- File system of the scratch directory: " + fileSystem(workDir);
    }

    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name")
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse(System.getProperty("os.arch"));
    }

    private static String memTotal() {
        return firstLine(Path.of("/proc/meminfo"), "MemTotal")
                .map(l -> Report.number(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0, 1) + " GiB")
                .orElse("unknown");
    }

    private static String osName() {
        return firstLine(Path.of("/etc/os-release"), "PRETTY_NAME")
                .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", ""))
                .orElse("unknown");
    }

    private static String fileSystem(String workDir) {
        try {
            Path dir = Path.of(workDir);
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null
                    ? "unknown"
                    : Files.getFileStore(existing).type() + " ("
                            + Files.getFileStore(existing).name() + ")";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static java.util.Optional<String> firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The commit the jars were built from, and whether the work tree differed from it. */
    private static String gitDescription(Path results) {
        java.io.File dir = results.toAbsolutePath().getParent().toFile();
        try {
            Process head = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .directory(dir)
                    .redirectErrorStream(true)
                    .start();
            String sha = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (head.waitFor() != 0) {
                return "unknown (not run from a git work tree)";
            }
            Process status = new ProcessBuilder(
                            "git",
                            "status",
                            "--porcelain",
                            "--untracked-files=no",
                            "--",
                            ":/",
                            ":(top,exclude)benchmarks/RESULTS.md")
                    .directory(dir)
                    .redirectErrorStream(true)
                    .start();
            String changes = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            status.waitFor();
            return "git commit " + sha
                    + (changes.isEmpty()
                            ? ""
                            : " plus uncommitted changes in " + changes.lines().count()
                                    + " tracked files (the jars are built from the work tree)");
        } catch (IOException e) {
            return "unknown (git not available)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
