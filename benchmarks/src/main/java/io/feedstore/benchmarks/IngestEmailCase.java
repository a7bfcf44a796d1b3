package io.feedstore.benchmarks;

import io.feedstore.adapters.gcs.GcsObjectStores;
import io.feedstore.adapters.gcs.GcsSettings;
import io.feedstore.adapters.gcs.GcsStore;
import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.localfs.TemporaryFileSpillSpace;
import io.feedstore.adapters.mime.MboxSplitter;
import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.CountingObjectStore;
import io.feedstore.application.EmailIngestReport;
import io.feedstore.application.EmailSource;
import io.feedstore.application.IncomingEmail;
import io.feedstore.application.IngestEmails;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.application.MessageBytes;
import io.feedstore.domain.bronze.ReceivedTime;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.SpillSpace;
import io.feedstore.domain.store.StorageCalls;
import io.feedstore.gcsserver.GcsTestServer;
import io.feedstore.gcsserver.RequestStats;
import io.vavr.control.Option;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Case 9: {@code feedstore ingest-email} of a Google Takeout mbox of generated press-release emails
 * ({@link Mailbox}), through the command's path: the mbox split as the command splits it, each message archived in
 * bronze (create-only) and its press release added to the batch writer. On the local store, and on Cloud Storage's
 * JSON API (the real GCS adapter against the in-process test server) with {@value BackfillCase#LATENCY_MS} ms added
 * to every request, once one message at a time ({@code --archivers 1}) and once with the default number of
 * archivers: on GCS the time is the round trips of each message, which archivers overlap. The first
 * {@code 1/}{@value #GCS_FRACTION} of the messages are measured there and the whole mailbox is extrapolated per
 * message. Every run is checked: every message archived and parsed, a load returns every press release.
 */
final class IngestEmailCase {

    private static final String BUCKET = "feedstore-ingest";
    /** The share of the mailbox ingested on GCS: a whole one takes over ten minutes there. */
    static final int GCS_FRACTION = 20;

    private static final int MESSAGES_PER_DAY = 300;

    private IngestEmailCase() {}

    private record Measured(String store, int messages, double seconds, String calls, long total) {
        double perSecond() {
            return messages / seconds;
        }
    }

    static Report.Section run(Bench bench) throws Exception {
        int messages = bench.options.sizes().emailMessages();
        int onGcs = Math.min(messages, Math.max(50, messages / GCS_FRACTION));
        LocalDate from = LocalDate.of(2025, 3, 1);
        Bench.log("case 9 (ingest-email): " + messages + " messages in a Takeout mbox, local; " + onGcs
                + " on GCS with " + BackfillCase.LATENCY_MS + " ms a request");
        Path dir = bench.dir("inputs/ingest-email");
        Path mbox = dir.resolve("Takeout-Pressmeddelanden.mbox");
        Path gcsMbox = dir.resolve("Takeout-Pressmeddelanden-first.mbox");
        writeMbox(mbox, bench.options.seed(), from, messages);
        writeMbox(gcsMbox, bench.options.seed(), from, onGcs);
        long mboxBytes = Files.size(mbox);

        List<Measured> measured = new ArrayList<>();
        Path root = bench.dir("runs/ingest-email-local");
        Trees.delete(root);
        CountingObjectStore counted = new CountingObjectStore(new LocalFileSystemObjectStore(root));
        double localSeconds = ingest(bench.codec, counted, mbox, messages, IngestEmails.DEFAULT_ARCHIVERS);
        StorageCalls calls = counted.calls();
        measured.add(new Measured(
                "local, " + IngestEmails.DEFAULT_ARCHIVERS + " archivers",
                messages,
                localSeconds,
                CallCounts.local(calls),
                calls.total()));
        loadsEveryMessage(bench.codec, counted, messages, from);
        Trees.delete(root);

        try (GcsTestServer server = GcsTestServer.start()) {
            server.createBucket(BUCKET);
            GcsSettings settings = GcsSettings.defaults().withEmulatorHost(server.endpoint());
            server.faults().latency(Duration.ofMillis(BackfillCase.LATENCY_MS));
            for (int archivers : List.of(1, IngestEmails.DEFAULT_ARCHIVERS)) {
                String prefix = "gs://" + BUCKET + "/mail-" + archivers;
                try (GcsStore gcs = GcsObjectStores.open(URI.create(prefix), settings)) {
                    RequestStats stats = server.stats();
                    stats.reset();
                    double seconds = ingest(bench.codec, gcs, gcsMbox, onGcs, archivers);
                    measured.add(new Measured(
                            "GCS +" + BackfillCase.LATENCY_MS + " ms (first " + onGcs + "), " + archivers
                                    + (archivers == 1 ? " archiver" : " archivers"),
                            onGcs,
                            seconds,
                            CallCounts.gcs(stats, "uploads"),
                            stats.total()));
                    loadsEveryMessage(bench.codec, gcs, onGcs, from);
                }
            }
        }

        Measured local = measured.get(0);
        Measured gcs = measured.get(1);
        Measured gcsConcurrent = measured.get(2);
        double gcsWhole = gcs.seconds() / gcs.messages() * messages;
        double gcsConcurrentWhole = gcsConcurrent.seconds() / gcsConcurrent.messages() * messages;
        List<Report.Row> rows = List.of(
                new Report.Row(
                        "9. ingest-email of " + Report.count(messages) + " messages (Takeout mbox), local store"
                                + " (no DuckDB peer)",
                        Report.seconds(local.seconds()) + ", " + Report.number(local.perSecond(), 0) + " messages/s",
                        "—",
                        Report.number((double) local.total() / local.messages(), 2) + " calls a message",
                        "(for reference)"),
                new Report.Row(
                        "9. ingest-email, GCS +" + BackfillCase.LATENCY_MS + " ms, one message at a time",
                        Report.number(gcs.perSecond(), 1) + " messages/s (" + Report.count(messages) + " ≈ "
                                + Report.minutes(gcsWhole) + ")",
                        "—",
                        Report.number((double) gcs.total() / gcs.messages(), 2) + " calls a message",
                        "(for reference)"),
                new Report.Row(
                        "9. ingest-email, GCS +" + BackfillCase.LATENCY_MS + " ms, --archivers "
                                + IngestEmails.DEFAULT_ARCHIVERS + " (the default)",
                        Report.number(gcsConcurrent.perSecond(), 1) + " messages/s (" + Report.count(messages) + " ≈ "
                                + Report.minutes(gcsConcurrentWhole) + ")",
                        "—",
                        Report.number((double) gcsConcurrent.total() / gcsConcurrent.messages(), 2)
                                + " calls a message",
                        "(for reference)"));

        StringBuilder md = new StringBuilder("### Case 9: ingest-email of a Takeout mailbox\n\n");
        md.append(Report.count(messages))
                .append(" generated press-release emails (")
                .append(Report.bytes(mboxBytes))
                .append(") in one Google Takeout mbox (`From <decimal Gmail id>@xxx <date>` separators),")
                .append(" about ")
                .append(MESSAGES_PER_DAY)
                .append(" received a day: RFC 2047 subjects and senders in UTF-8 and ISO-8859-1,")
                .append(" multipart/alternative (quoted-printable text, base64 HTML), HTML-only, base64-only and")
                .append(" Latin-1 messages, Swedish/Finnish/Danish and `GMT+2` declared-time lines (one in ten")
                .append(" has none), texts of 0.5–4 KB with en-dashes, curly quotes, Nordic names and, in a")
                .append(" share, CJK and emoji. `IngestEmails`, as `feedstore ingest-email` runs it: each")
                .append(" message archived in bronze (`message.eml` and `meta.json`, create-only), its press")
                .append(" release through the batch writer (batches of ")
                .append(BatchWriterSettings.DEFAULT_BATCH_SIZE)
                .append("). Each run ends with every message archived and parsed, none rejected, and a load")
                .append(" returning every press release. On GCS the first ")
                .append(Report.count(onGcs))
                .append(" messages are ingested, once one message at a time (the whole mailbox would take about ")
                .append(Report.minutes(gcsWhole))
                .append(") and once with ")
                .append(IngestEmails.DEFAULT_ARCHIVERS)
                .append(" archivers (about ")
                .append(Report.minutes(gcsConcurrentWhole))
                .append("); calls are the server's requests. Local: the calls made through the port.\n\n");
        List<List<String>> table = new ArrayList<>();
        for (Measured m : measured) {
            table.add(List.of(
                    m.store(),
                    Report.count(m.messages()),
                    Report.seconds(m.seconds()),
                    Report.number(m.perSecond(), 1),
                    Report.number(m.seconds() / m.messages() * 1000, 2) + " ms",
                    m.calls(),
                    Report.number((double) m.total() / m.messages(), 2)));
        }
        md.append(Report.table(
                List.of("store", "messages", "time", "messages/s", "per message", "storage calls", "calls per message"),
                table));
        md.append("\nOn GCS the figure is latency: one at a time, each message waits for its two create-only")
                .append(" uploads in turn (")
                .append(Report.number(gcs.seconds() / gcs.messages() * 1000, 1))
                .append(" ms a message against ")
                .append(BackfillCase.LATENCY_MS)
                .append(" ms a request); with ")
                .append(IngestEmails.DEFAULT_ARCHIVERS)
                .append(" archivers their uploads overlap (")
                .append(Report.number(gcsConcurrent.seconds() / gcsConcurrent.messages() * 1000, 1))
                .append(" ms a message), each message still archived before its row is added, the rows and")
                .append(" the report in input order.\n");
        return new Report.Section(rows, List.of(), md.toString());
    }

    /** A Takeout mbox of {@code count} messages, {@value #MESSAGES_PER_DAY} received a day from {@code from}. */
    private static void writeMbox(Path file, long seed, LocalDate from, int count) throws Exception {
        Mailbox mailbox = new Mailbox(seed);
        Random random = new Random(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                Instant day = from.plusDays(i / MESSAGES_PER_DAY)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
                Mailbox.appendToMbox(mailbox.next(day.plusSeconds(7200L + random.nextInt(22 * 3600 - 60))), out);
            }
        }
    }

    /** The messages of an mbox, read as {@code feedstore ingest-email} reads one. */
    private static EmailSource mbox(Path file) {
        SpillSpace spill = TemporaryFileSpillSpace.inSystemTemp();
        return each -> {
            try (InputStream in = Files.newInputStream(file)) {
                MboxSplitter.split(
                        in,
                        entry -> each.accept(new IncomingEmail(
                                file + " message " + (entry.index() + 1),
                                MessageBytes.read(entry.message(), spill, MessageBytes.IN_MEMORY_LIMIT),
                                entry.takeoutId(),
                                ReceivedTime.ofMboxSeparator(entry.separator()))));
            }
        };
    }

    /** One timed ingestion, checked: every message read, archived and parsed, none rejected. */
    private static double ingest(RecordCodec codec, ObjectStore store, Path mbox, int messages, int archivers)
            throws Exception {
        IngestEmails ingest = new IngestEmails(
                store,
                codec,
                BronzeArchive.MESSAGES,
                BronzeArchive.HTML_TEXT,
                BronzeArchive.METADATA,
                BatchWriterSettings.DEFAULT,
                Clock.systemUTC(),
                archivers);
        long start = System.nanoTime();
        EmailIngestReport report = ingest.ingest(mbox(mbox), BronzeArchive.GMAIL);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.read() != messages
                || report.archived() != messages
                || report.parsed() != messages
                || !report.rejected().isEmpty()) {
            throw new IllegalStateException("ingest-email into " + store.describe() + " read " + report.read()
                    + " of " + messages + " messages, archived " + report.archived() + ", parsed " + report.parsed()
                    + ", rejected " + report.rejected().size()
                    + report.rejected().stream()
                            .limit(3)
                            .map(r -> "; " + r.reason())
                            .reduce("", String::concat));
        }
        return seconds;
    }

    /** After the timed run (its calls are not counted): a load returns every press release once. */
    private static void loadsEveryMessage(RecordCodec codec, ObjectStore store, int messages, LocalDate from) {
        LocalDate last = from.plusDays(messages / MESSAGES_PER_DAY + 1);
        int loaded = new LoadPressReleases(store, codec)
                .load(from.minusDays(1), last, Option.none())
                .size();
        if (loaded != messages) {
            throw new IllegalStateException(
                    "after ingest-email into " + store.describe() + " a load returned " + loaded + " of " + messages);
        }
    }
}
