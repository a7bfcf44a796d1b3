package io.feedstore.bootstrap.cli;

import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.ConsolidatePartitions;
import io.feedstore.application.IngestPressReleases;
import io.feedstore.application.IngestReport;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.application.RunMode;
import io.feedstore.bootstrap.demo.DemoSample;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.ingest.PressReleaseLines;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code feedstore demo}: generates a realistic sample and runs it through the same use cases as the other
 * commands (ingest, consolidate, load), then shows what happened to the files, the bytes and the rows.
 *
 * <p>Re-running is safe and converges: the sample of a source and date is always the same, so a second run
 * re-delivers press releases the store already holds, and consolidation leaves each of them stored once.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a realistic sample through ingest, consolidate and load, and shows what happened.",
            "",
            "The sample: 4 sources, the " + DemoSample.DAYS + " days before today, a few hundred press releases"
                    + " with re-deliveries, corrections and legacy one-row files. The report: files, bytes and"
                    + " rows before and after consolidation. Safe to re-run: the sample of a source and date is"
                    + " always the same, so the store converges to the same content."
        },
        footer = {"", "Examples:", "  feedstore demo", "  feedstore --store file:/tmp/feedstore-demo demo"})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WiredStore app = feedstore.open(true)) {
            return demo(app);
        }
    }

    private int demo(WiredStore app) {
        Settings settings = app.settings();
        ObjectStore store = app.store();
        RecordCodec codec = app.get(RecordCodec.class);
        LoadPressReleases load = app.get(LoadPressReleases.class);
        PrintWriter out = spec.commandLine().getOut();

        DemoSample sample = DemoSample.before(LocalDate.now(settings.clock().withZone(ZoneOffset.UTC)));
        Option<Set<Source>> sources = Option.some(Set.copyOf(sample.sources()));
        String range = sample.firstDay() + " to " + sample.lastDay();
        out.printf("feedstore demo, store %s%n", store.describe());
        out.printf(
                "Sample: %d press releases from %d sources released %s, delivered as %d ingest lines in %d runs"
                        + " (%d re-deliveries, %d corrections), plus %d one-row files of the older pipeline.%n",
                sample.expected().size(),
                sample.sources().size(),
                range,
                sample.lines(),
                sample.deliveries().size(),
                sample.redeliveries(),
                sample.updates(),
                sample.legacy().size());
        out.flush();
        int alreadyHeld = matching(load.load(sample.firstDay(), sample.lastDay(), sources), sample.expected());

        out.println();
        out.println("1. Ingest");
        int written = writeLegacyFiles(sample, store, codec);
        out.printf(
                "   %-18s %3d one-row files written%s%n",
                "older pipeline:",
                written,
                written < sample.legacy().size() ? " (" + (sample.legacy().size() - written) + " still there)" : "");
        // The sample's deliveries span a day and its corrections are stamped hours after the demo's "now", which
        // a real ingest would refuse as a producer's wrong clock.
        IngestPressReleases ingest = new IngestPressReleases(
                store,
                codec,
                app.get(PressReleaseLines.class),
                app.get(BatchWriterSettings.class),
                settings.clock(),
                Duration.ofDays(3));
        long rejected = 0;
        for (DemoSample.Delivery delivery : sample.deliveries()) {
            IngestReport report = ingest.ingest(
                    delivery.releases().stream().map(OutputFormat::jsonLine).iterator());
            rejected += report.rejects().size();
            out.printf(
                    "   %-18s %3d lines, %3d accepted, %2d batch files%n",
                    delivery.name() + ":",
                    delivery.releases().size(),
                    report.accepted(),
                    report.batches().size());
        }

        out.println();
        out.flush();
        out.println("2. Consolidate " + sample.partitions().size() + " partitions");
        Footprint before = Footprint.of(store, sample.partitions());
        List<PartitionReport> reports =
                app.get(ConsolidatePartitions.class).consolidate(sample.partitions(), RunMode.APPLY);
        ConsolidateCommand.log(reports, settings, false);
        printTable(out, reports, settings);
        Footprint after = Footprint.of(store, sample.partitions());
        out.flush();

        out.println();
        out.println("3. Load " + range);
        List<PressRelease> loaded = load.load(sample.firstDay(), sample.lastDay(), sources);
        int found = matching(loaded, sample.expected());
        boolean loadedAll = found == sample.expected().size();
        out.printf(
                "   %d press releases, each once in its newest version: %s%n",
                loaded.size(),
                loadedAll
                        ? "every one of the sample's " + sample.expected().size() + " matches ✓"
                        : "✗ only " + found + " of the sample's "
                                + sample.expected().size() + " match");

        long inputRows = reports.stream().mapToLong(PartitionReport::inputRows).sum();
        long duplicates =
                reports.stream().mapToLong(PartitionReport::duplicatesRemoved).sum();
        long finalRows = reports.stream().mapToLong(PartitionReport::finalRows).sum();
        out.println();
        out.println("Summary");
        out.printf("   Files:  %d before consolidation → %d after%n", before.files, after.files);
        out.printf(
                "   Bytes:  %s → %s%s (%s batches → one %s file per partition)%n",
                ConsolidationSummary.bytes(before.bytes),
                ConsolidationSummary.bytes(after.bytes),
                ConsolidationSummary.ratio(before.bytes, after.bytes),
                codecName(settings.batch()),
                codecName(settings.consolidated()));
        out.printf("   Rows:   %d read, %d duplicates removed, %d kept%n", inputRows, duplicates, finalRows);
        if (alreadyHeld > 0) {
            out.printf(
                    "   Re-run: the store already held %d of the sample's %d press releases; they were delivered"
                            + " again and are still stored once each.%n",
                    alreadyHeld, sample.expected().size());
        }
        out.printf("   Next:   feedstore load --from %s --to %s --format csv%n", sample.firstDay(), sample.lastDay());

        boolean failed = reports.stream().anyMatch(r -> r.status().isFailure());
        return failed || rejected > 0 || !loadedAll ? ExitCode.FAILED : ExitCode.OK;
    }

    /** {@code snappy}, {@code ZSTD-9}: the names the summary has always used. */
    private static String codecName(EncodingOptions encoding) {
        return switch (encoding.compression()) {
            case SNAPPY -> "snappy";
            case UNCOMPRESSED -> "uncompressed";
            case ZSTD, GZIP -> encoding.compression().name() + "-" + encoding.level();
        };
    }

    /** Writes the legacy one-row files that are not there already (a re-run finds them merged away or still there). */
    private static int writeLegacyFiles(DemoSample sample, ObjectStore store, RecordCodec codec) {
        int written = 0;
        for (PressRelease release : sample.legacy()) {
            ObjectKey key =
                    release.partition().prefix().key("pr_" + release.id().value() + ".parquet");
            Either<StoreFailure, ?> result = store.createIfAbsent(key, codec.encode(List.of(release), FileRole.BATCH));
            if (result.isRight()) {
                written++;
            } else if (!(result.getLeft() instanceof StoreFailure.PreconditionFailed)) {
                throw FeedstoreError.failure(
                        "could not write legacy sample file " + key + ": "
                                + result.getLeft().message(),
                        null);
            }
        }
        return written;
    }

    private static void printTable(PrintWriter out, List<PartitionReport> reports, Settings settings) {
        out.printf("   %-24s %6s %6s %10s %6s  %s%n", "partition", "files", "rows", "duplicates", "final", "status");
        for (PartitionReport r : reports) {
            int files = r.batchFiles() + r.legacyFiles() + (r.hadConsolidated() ? 1 : 0);
            String status = switch (r.status()) {
                case CONSOLIDATED -> "✓ consolidated";
                case UNCHANGED -> "✓ unchanged";
                default ->
                    "✗ " + r.status().name().toLowerCase(Locale.ROOT) + ": "
                            + r.detail().getOrElse("");
            };
            if (r.anomaly()) {
                status += ", ⚠ anomaly: fewer than " + settings.anomalyRule().minRows() + " rows";
            }
            out.printf(
                    "   %-24s %6d %6d %10d %6d  %s%n",
                    r.partition().source() + " "
                            + WireRecord.formatDate(r.partition().releaseDate()),
                    files,
                    r.inputRows(),
                    r.duplicatesRemoved(),
                    r.finalRows(),
                    status);
        }
    }

    /** How many of {@code expected} are among {@code loaded}, content and all. */
    private static int matching(List<PressRelease> loaded, List<PressRelease> expected) {
        Map<PressReleaseId, PressRelease> byId = new HashMap<>();
        loaded.forEach(r -> byId.put(r.id(), r));
        return (int) expected.stream().filter(r -> r.equals(byId.get(r.id()))).count();
    }

    /** The data files of some partitions and their size, as listed now. */
    private record Footprint(long files, long bytes) {
        static Footprint of(ObjectStore store, List<Partition> partitions) {
            long files = 0;
            long bytes = 0;
            for (Partition partition : partitions) {
                List<ObjectInfo> listing = store.list(partition.prefix())
                        .getOrElseThrow(failure -> FeedstoreError.failure(
                                "could not list " + partition.prefix() + ": " + failure.message(), null));
                for (ObjectInfo object : listing) {
                    if (PartitionFile.classify(object).isData()
                            && object.key().parent().equals(partition.prefix())) {
                        files++;
                        bytes += object.size();
                    }
                }
            }
            return new Footprint(files, bytes);
        }
    }
}
