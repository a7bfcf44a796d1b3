package io.feedstore.benchmarks;

import io.feedstore.adapters.gcs.GcsObjectStores;
import io.feedstore.adapters.gcs.GcsSettings;
import io.feedstore.adapters.gcs.GcsStore;
import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.CountingObjectStore;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.application.ReplayBronze;
import io.feedstore.application.ReplayReport;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StorageCalls;
import io.feedstore.gcsserver.GcsTestServer;
import io.feedstore.gcsserver.RequestStats;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Case 10: {@code feedstore replay} of bronze items (about 300 a day: emails, and one in
 * {@value BronzeArchive#PAGE_EVERY} an article page with {@code content.html.gz} and {@code entry.json.gz}), every
 * item listed, read, re-parsed and its press release written through the batch writer. On the local store a quarter
 * (archiving a year there takes longer than the harness may); on Cloud Storage's JSON API (the real GCS adapter
 * against the in-process test server, which holds its objects in memory) with {@value BackfillCase#LATENCY_MS} ms
 * added to every request, a month, with the command's default of {@value ReplayBronze#DEFAULT_READERS} readers and
 * with {@value #WIDE_READERS}. One item at a time (one reader, store concurrency 1) is measured on the first day
 * only. A year's time is the measured time per item times a year's items. Every run is checked: every item
 * replayed, a load returns them all.
 */
final class ReplayCase {

    private static final String BUCKET = "feedstore-replay";
    /** Readers (and store concurrency) that a latency-bound store can use: the calls wait on the network. */
    static final int WIDE_READERS = 64;
    /** "Minutes, not hours": a year's replay within half an hour. */
    private static final int MINUTES_NOT_HOURS = 30 * 60;

    private ReplayCase() {}

    private record Measured(
            String store, String scope, int readers, int items, double seconds, String calls, long total) {
        double secondsPerItem() {
            return seconds / items;
        }
    }

    static Report.Section run(Bench bench) throws Exception {
        Sizes sizes = bench.options.sizes();
        int days = sizes.bronzeLocalDays();
        int perDay = sizes.yearRowsPerDay();
        int gcsDays = Math.min(days, sizes.bronzeGcsDays());
        LocalDate from = LocalDate.of(2024, 1, 1);
        long seed = bench.options.seed();
        Bench.log("case 10 (replay): " + days + " days x " + perDay + " bronze items locally, " + gcsDays
                + " days on GCS with " + BackfillCase.LATENCY_MS + " ms a request");
        int localItems = days * perDay;
        List<Measured> measured = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Path day = bench.dir("inputs/bronze-day");
            int dayItems = BronzeArchive.write(new LocalFileSystemObjectStore(day), from, 1, perDay, seed, pool);
            measured.add(local(bench.codec, "first day", day, from, 1, dayItems, 1, bench));
            measured.add(local(bench.codec, "first day", day, from, 1, dayItems, ReplayBronze.DEFAULT_READERS, bench));
            Trees.delete(day);
            // The range is replayed where it was generated: copying its objects would take longer than the replay.
            Path range = bench.dir("runs/replay-range");
            BronzeArchive.write(new LocalFileSystemObjectStore(range), from, days, perDay, seed, pool);
            Bench.log("case 10: " + days + " days of bronze archived locally");
            measured.add(measure(
                    bench.codec,
                    "first " + days + " days",
                    range,
                    from,
                    days,
                    localItems,
                    ReplayBronze.DEFAULT_READERS));
            Trees.delete(range);

            try (GcsTestServer server = GcsTestServer.start()) {
                server.createBucket(BUCKET);
                GcsSettings settings = GcsSettings.defaults().withEmulatorHost(server.endpoint());
                URI serial = URI.create("gs://" + BUCKET + "/serial");
                // Both concurrent runs replay the same month: the second adds identical rows, which a load folds.
                URI month = URI.create("gs://" + BUCKET + "/month");
                int gcsItems = gcsDays * perDay;
                upload(settings, serial, from, 1, perDay, seed, pool);
                upload(settings, month, from, gcsDays, perDay, seed, pool);
                Bench.log("case 10: bronze uploaded to the GCS test server");
                server.faults().latency(Duration.ofMillis(BackfillCase.LATENCY_MS));
                String store = "GCS +" + BackfillCase.LATENCY_MS + " ms";
                String window = gcsDays + " days";
                measured.add(gcs(
                        bench.codec,
                        server,
                        store,
                        "first day",
                        serial,
                        settings.withMaxConcurrentRequests(1),
                        1,
                        from,
                        1,
                        perDay));
                measured.add(gcs(
                        bench.codec,
                        server,
                        store,
                        window,
                        month,
                        settings,
                        ReplayBronze.DEFAULT_READERS,
                        from,
                        gcsDays,
                        gcsItems));
                measured.add(gcs(
                        bench.codec,
                        server,
                        store,
                        window,
                        month,
                        settings.withMaxConcurrentRequests(WIDE_READERS),
                        WIDE_READERS,
                        from,
                        gcsDays,
                        gcsItems));
            }
        } finally {
            pool.shutdownNow();
        }

        Measured localSerial = measured.get(0);
        Measured localDay = measured.get(1);
        Measured localRange = measured.get(2);
        Measured gcsSerial = measured.get(3);
        Measured gcsStandard = measured.get(4);
        Measured gcsWide = measured.get(5);
        int fullYear = 365 * perDay;
        double serialYear = gcsSerial.secondsPerItem() * fullYear;
        double standardYear = gcsStandard.secondsPerItem() * fullYear;
        double wideYear = gcsWide.secondsPerItem() * fullYear;
        double gain = gcsSerial.secondsPerItem() / gcsStandard.secondsPerItem();
        boolean minutes = standardYear < MINUTES_NOT_HOURS;
        int readers = ReplayBronze.DEFAULT_READERS;
        List<Report.Row> rows = List.of(
                new Report.Row(
                        "10. replay of a year of bronze (" + Report.count(fullYear) + " items), GCS +"
                                + BackfillCase.LATENCY_MS + " ms, from " + gcsDays + " days: " + readers
                                + " readers vs one at a time (no DuckDB peer)",
                        readers + " readers: ≈ " + Report.minutes(standardYear) + "; " + WIDE_READERS + ": ≈ "
                                + Report.minutes(wideYear),
                        "serial (from 1 day): ≈ " + Report.minutes(serialYear),
                        Report.number(gain, 1) + "× faster",
                        Report.verdict(minutes)),
                new Report.Row(
                        "10. replay of a year of bronze, local store, from " + days + " days: " + readers
                                + " readers vs one at a time",
                        "≈ " + Report.minutes(localRange.secondsPerItem() * fullYear) + " ("
                                + Report.number(localRange.items() / localRange.seconds(), 0) + " items/s)",
                        "serial (from 1 day): ≈ " + Report.minutes(localSerial.secondsPerItem() * fullYear),
                        Report.number(localSerial.secondsPerItem() / localDay.secondsPerItem(), 1)
                                + "× faster (same day)",
                        "(for reference)"));
        List<Report.Target> targets = List.of(new Report.Target(
                "Case 10: a year of bronze replays on GCS with " + BackfillCase.LATENCY_MS + " ms a request in"
                        + " minutes, not hours (here: under " + (MINUTES_NOT_HOURS / 60) + " minutes with the"
                        + " command's default of " + readers + " readers)",
                "≈ " + Report.minutes(standardYear) + " extrapolated from " + gcsDays + " days ("
                        + Report.count(gcsStandard.items()) + " items in " + Report.seconds(gcsStandard.seconds())
                        + "); " + WIDE_READERS + " readers ≈ " + Report.minutes(wideYear),
                minutes));

        StringBuilder md = new StringBuilder("### Case 10: Replay of a year of bronze\n\n");
        md.append("Bronze items, ")
                .append(Report.count(perDay))
                .append(" a day: emails as case 9 generates them (`message.eml` + `meta.json`) and, one in ")
                .append(BronzeArchive.PAGE_EVERY)
                .append(", an article page of a feed (`content.html.gz` with JSON-LD + `entry.json.gz`),")
                .append(" archived through `ArchiveRawItems`. `ReplayBronze`, as `feedstore replay` runs it: the")
                .append(" range listed, each item read and re-parsed by ")
                .append(readers)
                .append(" readers (the command's default), its press release written through the batch writer.")
                .append(" A year is not generated: archiving one locally takes several minutes (every object is")
                .append(" fsynced) and the GCS test server holds its objects in memory. Instead the local store")
                .append(" replays the first ")
                .append(days)
                .append(" days (")
                .append(Report.count(localRange.items()))
                .append(" items), GCS the first ")
                .append(gcsDays)
                .append(" days with the default readers and store concurrency (")
                .append(GcsSettings.defaults().maxConcurrentRequests())
                .append(") and with ")
                .append(WIDE_READERS)
                .append(" readers and store concurrency ")
                .append(WIDE_READERS)
                .append("; one item at a time (one reader, store concurrency 1) on the first day only. A year's")
                .append(" time is the time per item times ")
                .append(Report.count(fullYear))
                .append(" items. Each run ends with every item replayed, none rejected or incomplete, and a load")
                .append(" returning every press release (not counted). On GCS the calls are the server's")
                .append(" requests (a read is a metadata request and a download); local: the calls made through")
                .append(" the port.\n\n");
        List<List<String>> table = new ArrayList<>();
        for (Measured m : measured) {
            table.add(List.of(
                    m.store(),
                    m.scope(),
                    String.valueOf(m.readers()),
                    Report.count(m.items()),
                    Report.seconds(m.seconds()),
                    Report.number(m.secondsPerItem() * 1000, 2) + " ms",
                    m.calls(),
                    Report.number((double) m.total() / m.items(), 2)));
        }
        md.append(Report.table(
                List.of("store", "scope", "readers", "items", "time", "per item", "storage calls", "calls per item"),
                table));
        md.append("\nOn GCS the command's ")
                .append(ReplayBronze.DEFAULT_READERS)
                .append(" readers are ")
                .append(Report.number(gain, 1))
                .append("× faster than one item at a time; a year would take about ")
                .append(Report.minutes(standardYear))
                .append(" (one at a time: ")
                .append(Report.minutes(serialYear))
                .append("). With ")
                .append(WIDE_READERS)
                .append(" readers the year would take about ")
                .append(Report.minutes(wideYear))
                .append(" (`replay --readers ")
                .append(WIDE_READERS)
                .append("` with `FEEDSTORE_GCS_CONCURRENCY=")
                .append(WIDE_READERS)
                .append("`): on a latency-bound store the readers and the store's concurrency set the time, not")
                .append(" parsing.\n");
        return new Report.Section(rows, targets, md.toString());
    }

    /** A year's extrapolated time, in the unit that "minutes, not hours" is judged in. */
    private static void upload(
            GcsSettings settings, URI uri, LocalDate from, int days, int perDay, long seed, ExecutorService pool)
            throws Exception {
        try (GcsStore store = GcsObjectStores.open(uri, settings)) {
            BronzeArchive.write(store, from, days, perDay, seed, pool);
        }
    }

    private static Measured local(
            RecordCodec codec, String scope, Path input, LocalDate from, int days, int items, int readers, Bench bench)
            throws Exception {
        Path root = bench.dir("runs/replay-local");
        Trees.delete(root);
        Trees.copyStore(input, root);
        Measured m = measure(codec, scope, root, from, days, items, readers);
        Trees.delete(root);
        return m;
    }

    private static Measured measure(
            RecordCodec codec, String scope, Path root, LocalDate from, int days, int items, int readers) {
        CountingObjectStore counted = new CountingObjectStore(new LocalFileSystemObjectStore(root));
        double seconds = replay(codec, counted, readers, from, days, items);
        StorageCalls calls = counted.calls();
        loadsEveryItem(codec, counted, from, days, items);
        return new Measured("local", scope, readers, items, seconds, CallCounts.local(calls), calls.total());
    }

    private static Measured gcs(
            RecordCodec codec,
            GcsTestServer server,
            String store,
            String scope,
            URI uri,
            GcsSettings settings,
            int readers,
            LocalDate from,
            int days,
            int items)
            throws Exception {
        try (GcsStore gcs = GcsObjectStores.open(uri, settings)) {
            RequestStats stats = server.stats();
            stats.reset();
            double seconds = replay(codec, gcs, readers, from, days, items);
            String calls = CallCounts.gcs(stats, "uploads");
            long total = stats.total();
            loadsEveryItem(codec, gcs, from, days, items);
            return new Measured(store, scope, readers, items, seconds, calls, total);
        }
    }

    /** One timed replay, checked: every item found and parsed, none rejected or incomplete. */
    private static double replay(
            RecordCodec codec, ObjectStore store, int readers, LocalDate from, int days, int items) {
        ReplayBronze replay = new ReplayBronze(
                store,
                codec,
                BronzeArchive.MESSAGES,
                BronzeArchive.HTML_TEXT,
                BronzeArchive.PAGES,
                BronzeArchive.METADATA,
                BatchWriterSettings.DEFAULT,
                Clock.systemUTC(),
                readers);
        long start = System.nanoTime();
        ReplayReport report = replay.replay(from, from.plusDays(days - 1L), Option.none(), false);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.items() != items
                || report.parsed() != items
                || !report.rejected().isEmpty()
                || !report.incomplete().isEmpty()) {
            throw new IllegalStateException("the replay of " + store.describe() + " found " + report.items()
                    + " and parsed " + report.parsed() + " of " + items + " items, "
                    + report.rejected().size()
                    + " rejected, " + report.incomplete().size() + " incomplete"
                    + report.rejected().stream()
                            .limit(3)
                            .map(p -> "; " + p.reason())
                            .reduce("", String::concat));
        }
        return seconds;
    }

    /** After the timed run (its calls are not counted): a load returns every replayed press release once. */
    private static void loadsEveryItem(RecordCodec codec, ObjectStore store, LocalDate from, int days, int items) {
        int loaded = new LoadPressReleases(store, codec)
                .load(from, from.plusDays(days - 1L), Option.none())
                .size();
        if (loaded != items) {
            throw new IllegalStateException(
                    "after the replay of " + store.describe() + " a load returned " + loaded + " of " + items);
        }
    }
}
