package io.feedstore.bootstrap.cli;

import io.feedstore.application.ConsolidatePartitions;
import io.feedstore.application.FindDateCorrections;
import io.feedstore.application.FindDateCorrections.DateCorrection;
import io.feedstore.application.FindPartitions;
import io.feedstore.application.RunMode;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.settings.Setting;
import io.feedstore.bootstrap.settings.SettingFlags;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.RemovesAbandonedTemporaries;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import net.logstash.logback.marker.LogstashMarker;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore consolidate}: merges partitions into one deduplicated file each and prints the summary. */
@Command(
        name = "consolidate",
        mixinStandardHelpOptions = true,
        description = {
            "Merges each partition into one deduplicated consolidated.parquet.",
            "",
            "A partition's batch files, legacy files and existing consolidated.parquet are merged, newest"
                    + " ingested_at winning; the result is written with a compare-and-swap, read back and"
                    + " verified, and only then are the merged inputs deleted.",
            "Without --date: every partition dated before today (UTC) that holds anything but a consolidated"
                    + " file. Partitions with fewer final rows than $" + Settings.MIN_ROWS_VARIABLE
                    + " (default 50) are reported as anomalies: a warning, not a failure."
        },
        footer = {
            "",
            "Examples:",
            "  feedstore consolidate",
            "  feedstore consolidate --date 2025-01-14 --sources gmail rss --dry-run",
            "  feedstore consolidate --json"
        })
final class ConsolidateCommand implements Callable<Integer>, SettingFlags {

    private static final Logger LOG = LoggerFactory.getLogger(ConsolidateCommand.class);

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "Consolidate this release date's partitions (default: every date before today needing it).")
    LocalDate date;

    @picocli.CommandLine.Option(
            names = "--sources",
            paramLabel = "S",
            arity = "1..*",
            split = ",",
            description = "Only these sources (default: every source found in the store).")
    List<Source> sources;

    @picocli.CommandLine.Option(
            names = "--dry-run",
            description = "Read and plan, write and delete nothing; say what would happen.")
    boolean dryRun;

    @picocli.CommandLine.Option(names = "--json", description = "Print the summary as a JSON document instead of text.")
    boolean json;

    @picocli.CommandLine.Option(
            names = "--min-rows",
            paramLabel = "N",
            description = "Fewer final rows than this make a partition an anomaly (a warning)." + " Default: $"
                    + Settings.MIN_ROWS_VARIABLE + ", else 50.")
    String minRows;

    @Override
    public Map<Setting, String> settingFlags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.MIN_ROWS, minRows);
        return flags;
    }

    @Override
    public Integer call() {
        try (WiredStore app = feedstore.open(false)) {
            return consolidate(app);
        }
    }

    private int consolidate(WiredStore app) {
        Settings settings = app.settings();
        ObjectStore store = app.store();
        LocalDate today = LocalDate.now(settings.clock().withZone(ZoneOffset.UTC));
        Option<Set<Source>> only = sources == null ? Option.none() : Option.some(Set.copyOf(sources));

        FindPartitions find = app.get(FindPartitions.class);
        Either<StoreFailure, List<Partition>> found = date != null
                ? find.on(date, only)
                : find.needingConsolidation(today)
                        .map(all -> all.stream()
                                .filter(p -> only.forAll(s -> s.contains(p.source())))
                                .toList());
        List<Partition> partitions = found.getOrElseThrow(failure -> FeedstoreError.failure(
                "could not list the partitions of " + store.describe() + ": " + failure.message(), null));

        LOG.info(
                Markers.append("store", store.describe())
                        .and(Markers.append("partitions", partitions.size()))
                        .and(Markers.append("dry_run", dryRun)),
                "{} {} partitions of {}",
                dryRun ? "planning" : "consolidating",
                partitions.size(),
                store.describe());
        List<PartitionReport> reports =
                app.get(ConsolidatePartitions.class).consolidate(partitions, dryRun ? RunMode.DRY_RUN : RunMode.APPLY);
        log(reports, settings, dryRun);

        long temporariesRemoved =
                store instanceof RemovesAbandonedTemporaries cleanup ? cleanup.abandonedTemporariesRemoved() : 0;
        List<DateCorrection> corrections = new FindDateCorrections(store, app.get(RecordCodec.class))
                .among(partitions)
                .peekLeft(failure -> LOG.warn(
                        "could not look for press releases stored under several release dates" + " in {}: {}",
                        store.describe(),
                        failure.message()))
                .getOrElse(List.of());
        if (!corrections.isEmpty()) {
            LOG.warn(
                    "{} press releases are stored under more than one release date (listed in the summary): load"
                            + " answers with the version of the dates in its range",
                    corrections.size());
        }
        ConsolidationSummary summary =
                new ConsolidationSummary(reports, dryRun, settings.anomalyRule(), temporariesRemoved, corrections);
        spec.commandLine().getOut().print(json ? summary.json() : summary.text());
        return summary.anyFailed() ? ExitCode.FAILED : ExitCode.OK;
    }

    /**
     * One log line per partition with its figures as structured fields: ERROR for a failed or conflicted
     * partition, WARNING for an anomaly (so that a log-based alert can fire on either), INFO otherwise; then one
     * INFO line with the totals.
     */
    static void log(List<PartitionReport> reports, Settings settings, boolean dryRun) {
        int minRows = settings.anomalyRule().minRows();
        for (PartitionReport r : reports) {
            LogstashMarker fields = Markers.appendEntries(fields(r, minRows, dryRun));
            String status = r.status().name().toLowerCase(Locale.ROOT);
            if (r.status().isFailure()) {
                LOG.error(
                        fields, "{}: {}: {}", r.partition(), status, r.detail().getOrElse("no detail"));
            } else if (r.anomaly()) {
                LOG.warn(
                        fields,
                        "{}: only {} rows, fewer than {}={}; {}, but check the upstream feed",
                        r.partition(),
                        r.finalRows(),
                        Settings.MIN_ROWS_VARIABLE,
                        minRows,
                        dryRun ? "would be stored all the same" : "stored all the same");
            } else {
                LOG.info(
                        fields,
                        "{}: {} ({} rows read, {} duplicates removed, {} rows{})",
                        r.partition(),
                        status,
                        r.inputRows(),
                        r.duplicatesRemoved(),
                        r.finalRows(),
                        r.detail().map(d -> "; " + d).getOrElse(""));
            }
        }
        long failed = reports.stream().filter(r -> r.status().isFailure()).count();
        long anomalies = reports.stream().filter(PartitionReport::anomaly).count();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("dry_run", dryRun);
        totals.put("partitions", reports.size());
        totals.put("failed", failed);
        totals.put("anomalies", anomalies);
        totals.put(
                "input_rows",
                reports.stream().mapToLong(PartitionReport::inputRows).sum());
        totals.put(
                "duplicates",
                reports.stream().mapToLong(PartitionReport::duplicatesRemoved).sum());
        totals.put(
                "rows", reports.stream().mapToLong(PartitionReport::finalRows).sum());
        LOG.info(
                Markers.appendEntries(totals),
                "{} {} partitions: {} failed or conflicted, {} anomalies",
                dryRun ? "planned" : "consolidated",
                reports.size(),
                failed,
                anomalies);
    }

    private static Map<String, Object> fields(PartitionReport r, int minRows, boolean dryRun) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", r.partition().source().value());
        fields.put("release_date", WireRecord.formatDate(r.partition().releaseDate()));
        fields.put("partition", r.partition().prefix().value());
        fields.put("status", r.status().name());
        fields.put("dry_run", dryRun);
        fields.put("batch_files", r.batchFiles());
        fields.put("legacy_files", r.legacyFiles());
        fields.put("input_rows", r.inputRows());
        fields.put("duplicates", r.duplicatesRemoved());
        fields.put("rows", r.finalRows());
        fields.put("bytes_before", r.bytesBefore());
        fields.put("bytes_after", r.bytesAfter());
        fields.put("anomaly", r.anomaly());
        fields.put("min_rows", minRows);
        r.detail().forEach(d -> fields.put("detail", d));
        return fields;
    }
}
