package io.feedstore.benchmarks;

import io.feedstore.adapters.gcs.GcsObjectStores;
import io.feedstore.adapters.gcs.GcsSettings;
import io.feedstore.adapters.gcs.GcsStore;
import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.application.CountingObjectStore;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.ObjectStore;
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
 * Case 7: loading a month, stored as the older pipeline left it (one legacy file per press release, about 300 a
 * day) and as consolidation leaves it (one file a day): on the local store, and on Cloud Storage's JSON API (the
 * real GCS adapter against the in-process test server) with {@value #LATENCY_MS} ms added to every request, where
 * the time is in round trips, not CPU. On GCS the loader reads with the store's bounded concurrency
 * ({@code FEEDSTORE_GCS_CONCURRENCY}); one request at a time (concurrency 1) is measured on a few days for
 * comparison. No DuckDB peer: the question is what the layout and the concurrency are worth to feedstore.
 */
final class LoadCase {

    static final int LATENCY_MS = 30;
    private static final String BUCKET = "feedstore-bench";
    /** Days loaded one request at a time: a month of legacy files that way takes minutes. */
    private static final int SERIAL_DAYS = 3;

    private LoadCase() {}

    /** One measured configuration: its series, and the storage calls of its last run. */
    private record Measured(
            String store, String layout, int objects, Measurement.Series series, String calls, long totalCalls) {}

    static Report.Section run(Bench bench, int warmups, int runs) throws Exception {
        Sizes sizes = bench.options.sizes();
        int days = sizes.monthDays();
        int perDay = sizes.monthRowsPerDay();
        int releases = days * perDay;
        LocalDate from = LocalDate.of(2024, 6, 1);
        LocalDate to = from.plusDays(days - 1L);
        Bench.log("case 7 (month load): " + days + " days x " + perDay + " press releases, legacy and consolidated,"
                + " local and GCS with " + LATENCY_MS + " ms a request");

        Path legacyRoot = bench.dir("inputs/month-legacy");
        Path consolidatedRoot = bench.dir("inputs/month-consolidated");
        int legacyFiles = bench.workload.writeMonth(
                new LocalFileSystemObjectStore(legacyRoot),
                Bench.MAIN_SOURCE,
                from,
                days,
                perDay,
                Workload.MonthLayout.LEGACY);
        int consolidatedFiles = bench.workload.writeMonth(
                new LocalFileSystemObjectStore(consolidatedRoot),
                Bench.MAIN_SOURCE,
                from,
                days,
                perDay,
                Workload.MonthLayout.CONSOLIDATED);
        long legacyBytes = Trees.totalSize(legacyRoot, ".parquet");
        long consolidatedBytes = Trees.totalSize(consolidatedRoot, ".parquet");

        List<Measured> measured = new ArrayList<>();
        measured.add(local(bench, "legacy", legacyFiles, legacyRoot, from, to, releases, warmups, runs));
        measured.add(
                local(bench, "consolidated", consolidatedFiles, consolidatedRoot, from, to, releases, warmups, runs));

        int concurrency;
        try (GcsTestServer server = GcsTestServer.start()) {
            server.createBucket(BUCKET);
            GcsSettings settings = GcsSettings.defaults().withEmulatorHost(server.endpoint());
            concurrency = settings.maxConcurrentRequests();
            URI legacy = URI.create("gs://" + BUCKET + "/legacy");
            URI consolidated = URI.create("gs://" + BUCKET + "/consolidated");
            try (GcsStore upload = GcsObjectStores.open(legacy, settings)) {
                bench.workload.writeMonth(upload, Bench.MAIN_SOURCE, from, days, perDay, Workload.MonthLayout.LEGACY);
            }
            try (GcsStore upload = GcsObjectStores.open(consolidated, settings)) {
                bench.workload.writeMonth(
                        upload, Bench.MAIN_SOURCE, from, days, perDay, Workload.MonthLayout.CONSOLIDATED);
            }
            server.faults().latency(Duration.ofMillis(LATENCY_MS));
            String gcs = "GCS +" + LATENCY_MS + " ms, concurrency " + concurrency;
            measured.add(
                    gcs(bench.codec, server, gcs, "legacy", legacyFiles, legacy, settings, from, to, releases, runs));
            measured.add(gcs(
                    bench.codec,
                    server,
                    gcs,
                    "consolidated",
                    consolidatedFiles,
                    consolidated,
                    settings,
                    from,
                    to,
                    releases,
                    runs));
            int window = Math.min(SERIAL_DAYS, days);
            LocalDate windowEnd = from.plusDays(window - 1L);
            int windowFiles = window * perDay;
            measured.add(gcs(
                    bench.codec,
                    server,
                    "GCS +" + LATENCY_MS + " ms, one request at a time (concurrency 1)",
                    "legacy, first " + window + " days",
                    windowFiles,
                    legacy,
                    settings.withMaxConcurrentRequests(1),
                    from,
                    windowEnd,
                    window * perDay,
                    1));
            measured.add(gcs(
                    bench.codec,
                    server,
                    gcs,
                    "legacy, first " + window + " days",
                    windowFiles,
                    legacy,
                    settings,
                    from,
                    windowEnd,
                    window * perDay,
                    1));
        }

        double localRatio = seconds(measured.get(0)) / seconds(measured.get(1));
        double gcsRatio = seconds(measured.get(2)) / seconds(measured.get(3));
        double concurrencyGain = seconds(measured.get(4)) / seconds(measured.get(5));
        List<Report.Row> rows = List.of(
                new Report.Row(
                        "7. Month load, local: consolidated vs legacy one-row files (no DuckDB peer)",
                        "consolidated: " + Report.seconds(seconds(measured.get(1))),
                        "legacy: " + Report.seconds(seconds(measured.get(0))),
                        Report.number(localRatio, 1) + "× faster",
                        Report.verdict(localRatio >= 2.0)),
                new Report.Row(
                        "7. Month load, GCS +" + LATENCY_MS + " ms a request: consolidated vs legacy",
                        "consolidated: " + Report.seconds(seconds(measured.get(3))),
                        "legacy: " + Report.seconds(seconds(measured.get(2))),
                        Report.number(gcsRatio, 1) + "× faster",
                        Report.verdict(gcsRatio >= 2.0)),
                new Report.Row(
                        "7. Legacy load, GCS +" + LATENCY_MS + " ms: concurrency " + concurrency
                                + " vs one request at a time",
                        "concurrent: " + Report.seconds(seconds(measured.get(5))),
                        "serial: " + Report.seconds(seconds(measured.get(4))),
                        Report.number(concurrencyGain, 1) + "× faster",
                        "(for reference)"));
        List<Report.Target> targets = List.of(
                new Report.Target(
                        "Case 7: a consolidated month loads at least 2× faster than the legacy layout, local store"
                                + " (the design note's \"2-3× faster data loading\")",
                        Report.number(localRatio, 1) + "×",
                        localRatio >= 2.0),
                new Report.Target(
                        "Case 7: a consolidated month loads at least 2× faster than the legacy layout, GCS with "
                                + LATENCY_MS + " ms a request",
                        Report.number(gcsRatio, 1) + "×",
                        gcsRatio >= 2.0));

        StringBuilder md = new StringBuilder("### Case 7: Month load, legacy layout vs consolidated\n\n");
        md.append("A month of one source: ")
                .append(days)
                .append(" days × ")
                .append(Report.count(perDay))
                .append(" press releases = ")
                .append(Report.count(releases))
                .append(", stored as the older pipeline left them (`source=S/release_date=D/msgId=<id>.parquet`,")
                .append(" one snappy row each: ")
                .append(Report.count(legacyFiles))
                .append(" files, ")
                .append(Report.bytes(legacyBytes))
                .append(") and consolidated (one `consolidated.parquet` a day, ZSTD 9: ")
                .append(Report.count(consolidatedFiles))
                .append(" files, ")
                .append(Report.bytes(consolidatedBytes))
                .append("). `LoadPressReleases.load` of the month, every release once. On GCS: the GCS adapter")
                .append(" against the in-process GCS test server (loopback) with ")
                .append(LATENCY_MS)
                .append(" ms added to every request; calls are the server's requests (a listing page is one).")
                .append(" Local: the calls the loader made through the port.\n\n");
        List<List<String>> table = new ArrayList<>();
        for (Measured m : measured) {
            table.add(List.of(
                    m.store(),
                    m.layout(),
                    Report.count(m.objects()),
                    Report.seconds(m.series().medianSeconds()),
                    m.series().allSeconds(),
                    m.calls(),
                    Report.number((double) m.totalCalls() / m.objects(), 2)));
        }
        md.append(Report.table(
                List.of("store", "layout", "objects", "median", "runs", "storage calls (last run)", "calls per object"),
                table));
        md.append("\nConsolidated vs legacy: ")
                .append(Report.number(localRatio, 1))
                .append("× faster on the local store, ")
                .append(Report.number(gcsRatio, 1))
                .append("× on GCS. Concurrency ")
                .append(concurrency)
                .append(" vs one request at a time on the legacy files of the first days: ")
                .append(Report.number(concurrencyGain, 1))
                .append("× faster.\n");
        return new Report.Section(rows, targets, md.toString());
    }

    private static double seconds(Measured m) {
        return m.series().medianSeconds();
    }

    private static Measured local(
            Bench bench,
            String layout,
            int objects,
            Path root,
            LocalDate from,
            LocalDate to,
            int expected,
            int warmups,
            int runs)
            throws Exception {
        LoadTrial trial = new LoadTrial(
                bench.codec,
                () -> new CountingObjectStore(new LocalFileSystemObjectStore(root)),
                from,
                to,
                expected,
                null);
        Measurement.Series series = Measurement.repeat("local " + layout, warmups, runs, trial);
        return new Measured("local", layout, objects, series, trial.calls, trial.total);
    }

    private static Measured gcs(
            RecordCodec codec,
            GcsTestServer server,
            String store,
            String layout,
            int objects,
            URI uri,
            GcsSettings settings,
            LocalDate from,
            LocalDate to,
            int expected,
            int runs)
            throws Exception {
        try (GcsStore gcs = GcsObjectStores.open(uri, settings)) {
            LoadTrial trial = new LoadTrial(codec, () -> gcs, from, to, expected, server.stats());
            Measurement.Series series = Measurement.repeat(store + " " + layout, 0, runs, trial);
            return new Measured(store, layout, objects, series, trial.calls, trial.total);
        }
    }

    /** One load of the range; checks every release came back once; notes the storage calls. */
    private static final class LoadTrial implements Measurement.Trial {
        private final RecordCodec codec;
        private final Supplier<ObjectStore> store;
        private final LocalDate from;
        private final LocalDate to;
        private final int expected;
        private final RequestStats stats;
        private ObjectStore opened;
        private List<PressRelease> loaded;
        String calls = "";
        long total;

        LoadTrial(
                RecordCodec codec,
                Supplier<ObjectStore> store,
                LocalDate from,
                LocalDate to,
                int expected,
                RequestStats stats) {
            this.codec = codec;
            this.store = store;
            this.from = from;
            this.to = to;
            this.expected = expected;
            this.stats = stats;
        }

        @Override
        public void prepare(int run) {
            opened = store.get();
            if (stats != null) {
                stats.reset();
            }
        }

        @Override
        public void run(int run) {
            loaded = new LoadPressReleases(opened, codec).load(from, to, Option.none());
        }

        @Override
        public void cleanUp(int run, boolean last) {
            if (loaded.size() != expected) {
                throw new IllegalStateException(
                        "the month load returned " + loaded.size() + " press releases, expected " + expected);
            }
            if (stats != null) {
                calls = CallCounts.gcs(stats, "other");
                total = stats.total();
            } else if (opened instanceof CountingObjectStore counted) {
                // A load writes and deletes nothing, so this is "L list, R reads" and their sum.
                calls = CallCounts.local(counted.calls());
                total = counted.calls().total();
            }
            loaded = null;
        }
    }
}
