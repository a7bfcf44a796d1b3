package io.feedstore.bootstrap;

import com.google.inject.Injector;
import io.feedstore.application.ConsolidatePartitions;
import io.feedstore.application.FindPartitions;
import io.feedstore.application.RunMode;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore consolidate}: merges partitions into one deduplicated file each and prints the summary. */
@Command(name = "consolidate", mixinStandardHelpOptions = true,
        description = {
                "Merges each partition into one deduplicated consolidated.parquet.",
                "",
                "A partition's batch files, legacy files and existing consolidated.parquet are merged, newest"
                        + " ingested_at winning; the result is written with a compare-and-swap, read back and"
                        + " verified, and only then are the merged inputs deleted.",
                "Without --date: every partition dated before today (UTC) that holds anything but a consolidated"
                        + " file. Partitions with fewer final rows than $" + Settings.MIN_ROWS_VARIABLE
                        + " (default 50) are reported as anomalies: a warning, not a failure."},
        footer = {"", "Examples:", "  feedstore consolidate",
                "  feedstore consolidate --date 2025-01-14 --sources gmail rss --dry-run",
                "  feedstore consolidate --json"})
final class ConsolidateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsolidateCommand.class);

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Consolidate this release date's partitions (default: every date before today needing it).")
    LocalDate date;

    @picocli.CommandLine.Option(names = "--sources", paramLabel = "S", arity = "1..*", split = ",",
            description = "Only these sources (default: every source found in the store).")
    List<Source> sources;

    @picocli.CommandLine.Option(names = "--dry-run", description = "Read and plan, write and delete nothing; say what would happen.")
    boolean dryRun;

    @picocli.CommandLine.Option(names = "--json", description = "Print the summary as a JSON document instead of text.")
    boolean json;

    @Override
    public Integer call() {
        Injector injector = feedstore.wire(s -> s, false);
        Settings settings = injector.getInstance(Settings.class);
        ObjectStore store = injector.getInstance(ObjectStore.class);
        LocalDate today = LocalDate.now(settings.clock().withZone(ZoneOffset.UTC));
        Option<Set<Source>> only = sources == null ? Option.none() : Option.some(Set.copyOf(sources));

        FindPartitions find = injector.getInstance(FindPartitions.class);
        Either<StoreFailure, List<Partition>> found = date != null
                ? find.on(date, only)
                : find.needingConsolidation(today)
                        .map(all -> all.stream().filter(p -> only.forAll(s -> s.contains(p.source()))).toList());
        List<Partition> partitions = found.getOrElseThrow(failure -> FeedstoreError.failure(
                "could not list the partitions of " + store.describe() + ": " + failure.message(), null));

        LOG.info("{} {} partitions of {}", dryRun ? "planning" : "consolidating", partitions.size(), store.describe());
        List<PartitionReport> reports = injector.getInstance(ConsolidatePartitions.class)
                .consolidate(partitions, dryRun ? RunMode.DRY_RUN : RunMode.APPLY);
        log(reports, settings);

        ConsolidationSummary summary = new ConsolidationSummary(reports, dryRun, settings.anomalyRule());
        spec.commandLine().getOut().print(json ? summary.json() : summary.text());
        return summary.anyFailed() ? ExitCode.FAILED : ExitCode.OK;
    }

    static void log(List<PartitionReport> reports, Settings settings) {
        for (PartitionReport r : reports) {
            if (r.status().isFailure()) {
                LOG.error("{} {}: {}", r.partition(), r.status().name().toLowerCase(Locale.ROOT),
                        r.detail().getOrElse("no detail"));
            } else if (r.anomaly()) {
                LOG.warn("{}: only {} rows, fewer than {}={}; stored all the same, but check the upstream feed",
                        r.partition(), r.finalRows(), Settings.MIN_ROWS_VARIABLE, settings.anomalyRule().minRows());
            } else {
                LOG.info("{}: {} ({} rows)", r.partition(), r.status().name().toLowerCase(Locale.ROOT),
                        r.finalRows());
            }
        }
    }
}
