package io.feedstore.benchmarks;

import io.feedstore.adapters.gcs.GcsObjectStores;
import io.feedstore.adapters.gcs.GcsSettings;
import io.feedstore.adapters.gcs.GcsStore;
import io.feedstore.adapters.hashing.Xxh3RowHash;
import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.localfs.TemporaryFileSpillSpace;
import io.feedstore.application.BackfillHistory;
import io.feedstore.application.BackfillReport;
import io.feedstore.application.ConsolidatePartitions;
import io.feedstore.application.ConsolidationSettings;
import io.feedstore.application.CountingObjectStore;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.application.RunMode;
import io.feedstore.domain.backfill.Shard;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StorageCalls;
import io.feedstore.gcsserver.GcsTestServer;
import io.feedstore.gcsserver.RequestStats;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Case 8: the backfill of a year of the older pipeline's one-row files in its flat layout
 * ({@code release_date=D/msgId=<id>.parquet}, about 300 a day), as {@code feedstore backfill} runs it: every
 * file read, its rows copied into their partition, the partition consolidated and verified, the file entered in
 * the migration record and deleted. On the local store, and on Cloud Storage's JSON API (the real GCS adapter
 * against the in-process test server) with {@value #LATENCY_MS} ms added to every request. One request at a time
 * ({@code --parallel 1}, store concurrency 1) is measured on the first {@value #WINDOW_DAYS} days only: a year
 * that way takes hours; the same days are measured with {@code --parallel}, and the year's serial time is the
 * window's time per file times the year's files. Every run is checked: every file retired, every row loadable.
 */
final class BackfillCase {

    static final int LATENCY_MS = 30;
    private static final int WINDOW_DAYS = 3;
    private static final String BUCKET = "feedstore-backfill";
    /** What an operator would pass on a latency-bound store: the calls wait on the network, not on the cores. */
    private static final int PARALLEL = 64;

    private BackfillCase() {}

    private record Measured(
            String store, String scope, int parallel, int files, double seconds, String calls, long total) {
        double secondsPerFile() {
            return seconds / files;
        }
    }

    static Report.Section run(Bench bench) throws Exception {
        Sizes sizes = bench.options.sizes();
        int yearDays = sizes.yearDays();
        int days = bench.options.backfillDays() > 0 ? Math.min(bench.options.backfillDays(), yearDays) : yearDays;
        int perDay = sizes.yearRowsPerDay();
        int window = Math.min(WINDOW_DAYS, days);
        LocalDate from = LocalDate.of(2024, 1, 1);
        int parallel = PARALLEL;
        Bench.log("case 8 (backfill): " + days + " days x " + perDay + " one-row flat files, local and GCS with "
                + LATENCY_MS + " ms a request");

        Path yearInput = bench.dir("inputs/backfill-year");
        Path windowInput = bench.dir("inputs/backfill-window");
        int yearFiles = bench.workload.writeMonth(
                new LocalFileSystemObjectStore(yearInput),
                Bench.MAIN_SOURCE,
                from,
                days,
                perDay,
                Workload.MonthLayout.FLAT);
        int windowFiles = bench.workload.writeMonth(
                new LocalFileSystemObjectStore(windowInput),
                Bench.MAIN_SOURCE,
                from,
                window,
                perDay,
                Workload.MonthLayout.FLAT);
        long yearBytes = Trees.totalSize(yearInput, ".parquet");

        List<Measured> measured = new ArrayList<>();
        measured.add(local(bench, "first " + window + " days", windowInput, windowFiles, 1));
        measured.add(local(bench, "first " + window + " days", windowInput, windowFiles, parallel));
        String yearScope = days == yearDays ? "year" : "first " + days + " days";
        measured.add(local(bench, yearScope, yearInput, yearFiles, parallel));

        int concurrency;
        try (GcsTestServer server = GcsTestServer.start()) {
            server.createBucket(BUCKET);
            GcsSettings settings = GcsSettings.defaults().withEmulatorHost(server.endpoint());
            concurrency = Math.max(parallel, settings.maxConcurrentRequests());
            URI serial = URI.create("gs://" + BUCKET + "/serial");
            URI windowed = URI.create("gs://" + BUCKET + "/window");
            URI year = URI.create("gs://" + BUCKET + "/year");
            upload(bench, settings, serial, from, window, perDay);
            upload(bench, settings, windowed, from, window, perDay);
            upload(bench, settings, year, from, days, perDay);
            server.faults().latency(Duration.ofMillis(LATENCY_MS));
            String gcs = "GCS +" + LATENCY_MS + " ms";
            measured.add(gcs(
                    bench.codec,
                    server,
                    gcs,
                    "first " + window + " days",
                    serial,
                    settings.withMaxConcurrentRequests(1),
                    1,
                    windowFiles));
            measured.add(gcs(
                    bench.codec,
                    server,
                    gcs,
                    "first " + window + " days",
                    windowed,
                    settings.withMaxConcurrentRequests(concurrency),
                    parallel,
                    windowFiles));
            measured.add(gcs(
                    bench.codec,
                    server,
                    gcs,
                    yearScope,
                    year,
                    settings.withMaxConcurrentRequests(concurrency),
                    parallel,
                    yearFiles));
        }

        Measured gcsSerial = measured.get(3);
        Measured gcsWindow = measured.get(4);
        Measured gcsYear = measured.get(5);
        double gain = gcsSerial.secondsPerFile() / gcsWindow.secondsPerFile();
        double yearGain = gcsSerial.secondsPerFile() / gcsYear.secondsPerFile();
        int allYearFiles = yearDays * perDay;
        double serialYear = gcsSerial.secondsPerFile() * allYearFiles;
        double parallelYear = gcsYear.secondsPerFile() * allYearFiles;
        double localGain = measured.get(0).secondsPerFile() / measured.get(1).secondsPerFile();
        List<Report.Row> rows = List.of(
                new Report.Row(
                        "8. Backfill of a year, GCS +" + LATENCY_MS + " ms: --parallel " + parallel
                                + " vs one request at a time (no DuckDB peer)",
                        "parallel: " + Report.seconds(parallelYear),
                        "serial (from " + window + " days): " + Report.seconds(serialYear),
                        Report.number(yearGain, 1) + "× faster",
                        Report.verdict(yearGain >= 30)),
                new Report.Row(
                        "8. Backfill of a year, local store, --parallel " + parallel,
                        "parallel: " + Report.seconds(measured.get(2).secondsPerFile() * allYearFiles),
                        "serial (from " + window + " days): "
                                + Report.seconds(measured.get(0).secondsPerFile() * allYearFiles),
                        Report.number(localGain, 1) + "× faster",
                        "(for reference)"));
        List<Report.Target> targets = List.of(new Report.Target(
                "Case 8: a year's backfill on GCS with " + LATENCY_MS + " ms a request at least 30× faster than one"
                        + " request at a time",
                Report.number(yearGain, 1) + "× (same " + window + " days: " + Report.number(gain, 1) + "×)",
                yearGain >= 30));

        StringBuilder md = new StringBuilder("### Case 8: Backfill of a year of one-row legacy files\n\n");
        md.append(
                        days == yearDays
                                ? "A year: "
                                : "The first " + days + " days of a year (`--backfill-days`; the year's"
                                        + " figures in the summary are their time per file times the year's "
                                        + Report.count(allYearFiles) + " files): ")
                .append(days)
                .append(" days × ")
                .append(Report.count(perDay))
                .append(" press releases of one source in the older pipeline's flat layout")
                .append(" (`release_date=D/msgId=<id>.parquet`, one snappy row each, no `source=` level): ")
                .append(Report.count(yearFiles))
                .append(" files, ")
                .append(Report.bytes(yearBytes))
                .append(". `BackfillHistory`, as `feedstore backfill` runs it, with `--parallel ")
                .append(parallel)
                .append("` (")
                .append(BackfillHistory.Request.datesFor(parallel))
                .append(" dates in flight) and, on GCS, the store's concurrency at ")
                .append(concurrency)
                .append("; one request at a time is `--parallel 1` with store concurrency 1, on the first ")
                .append(window)
                .append(" days (the year's serial time is their time per file times the year's files). Each run")
                .append(" ends with every file retired into `consolidated.parquet` (verified), entered in")
                .append(" `backfill/{run}.jsonl` and deleted, and a load returning every press release. On GCS the")
                .append(" calls are the server's requests (a listing page is one); local: the calls made through")
                .append(" the port.\n\n");
        List<List<String>> table = new ArrayList<>();
        for (Measured m : measured) {
            table.add(List.of(
                    m.store(),
                    m.scope(),
                    String.valueOf(m.parallel()),
                    Report.count(m.files()),
                    Report.seconds(m.seconds()),
                    Report.number(m.secondsPerFile() * 1000, 2) + " ms",
                    m.calls(),
                    Report.number((double) m.total() / m.files(), 2)));
        }
        md.append(Report.table(
                List.of(
                        "store",
                        "scope",
                        "--parallel",
                        "objects",
                        "time",
                        "per file",
                        "storage calls",
                        "calls per file"),
                table));
        md.append("\nOn GCS, `--parallel ")
                .append(parallel)
                .append("` is ")
                .append(Report.number(gain, 1))
                .append("× faster than one request at a time on the same ")
                .append(window)
                .append(" days and ")
                .append(Report.number(yearGain, 1))
                .append("× per file over all ")
                .append(days)
                .append(" days; a year would take about ")
                .append(Report.seconds(parallelYear))
                .append(" that way and about ")
                .append(Report.seconds(serialYear))
                .append(" one request at a time")
                .append(".\n");
        return new Report.Section(rows, targets, md.toString());
    }

    private static void upload(Bench bench, GcsSettings settings, URI uri, LocalDate from, int days, int perDay)
            throws Exception {
        try (GcsStore upload = GcsObjectStores.open(uri, settings)) {
            bench.workload.writeMonth(upload, Bench.MAIN_SOURCE, from, days, perDay, Workload.MonthLayout.FLAT);
        }
    }

    private static Measured local(Bench bench, String scope, Path input, int files, int parallel) throws Exception {
        Path root = bench.dir("runs/backfill-local");
        Trees.delete(root);
        Trees.copyStore(input, root);
        CountingObjectStore counted = new CountingObjectStore(new LocalFileSystemObjectStore(root));
        double seconds = backfill(bench.codec, () -> counted, parallel, files);
        StorageCalls calls = counted.calls();
        Measured m = new Measured("local", scope, parallel, files, seconds, CallCounts.local(calls), calls.total());
        Trees.delete(root);
        return m;
    }

    private static Measured gcs(
            RecordCodec codec,
            GcsTestServer server,
            String store,
            String scope,
            URI uri,
            GcsSettings settings,
            int parallel,
            int files)
            throws Exception {
        try (GcsStore gcs = GcsObjectStores.open(uri, settings)) {
            RequestStats stats = server.stats();
            stats.reset();
            double seconds = backfill(codec, () -> gcs, parallel, files);
            String calls = CallCounts.gcs(stats, "writes and deletes");
            return new Measured(store, scope, parallel, files, seconds, calls, stats.total());
        }
    }

    /** One timed backfill, then the checks: every file retired, every press release loadable once. */
    private static double backfill(RecordCodec codec, Supplier<ObjectStore> stores, int parallel, int files) {
        ObjectStore store = stores.get();
        TemporaryFileSpillSpace spill = TemporaryFileSpillSpace.inSystemTemp();
        BackfillHistory backfill = new BackfillHistory(
                store,
                codec,
                spill,
                new ConsolidatePartitions(store, codec, spill, ConsolidationSettings.DEFAULT, new Xxh3RowHash()));
        long start = System.nanoTime();
        BackfillReport report = backfill.backfill(
                new BackfillHistory.Request(
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        RunMode.APPLY,
                        Shard.ALL,
                        "bench-" + System.currentTimeMillis(),
                        parallel),
                BackfillHistory.Progress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        long retired = report.dates().stream()
                .flatMap(d -> d.files().stream())
                .filter(f -> f.status() == BackfillReport.FileStatus.RETIRED)
                .count();
        if (report.anyFailed() || retired != files) {
            throw new IllegalStateException("the backfill of " + store.describe() + " retired " + retired + " of "
                    + files + " files" + (report.anyFailed() ? " and a date failed" : ""));
        }
        LocalDate first = report.dates().get(0).date();
        LocalDate last = report.dates().get(report.dates().size() - 1).date();
        int loaded = new LoadPressReleases(store, codec)
                .load(first, last, Option.none())
                .size();
        if (loaded != files) {
            throw new IllegalStateException(
                    "after the backfill of " + store.describe() + " a load returned " + loaded + " of " + files);
        }
        return seconds;
    }
}
