package io.feedstore.bootstrap.cli;

import io.feedstore.application.BackfillException;
import io.feedstore.application.BackfillHistory;
import io.feedstore.application.BackfillReport;
import io.feedstore.application.RunMode;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.backfill.Shard;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore backfill}: migrates the older pipeline's layouts into consolidated partitions, verified. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Migrates the older pipeline's layouts into one consolidated.parquet per partition.",
            "",
            "For each date: the rows of the flat folder release_date=D/ (no source= level) are copied into their"
                    + " own source=S/release_date=D/ partitions, every partition that received rows or holds"
                    + " one-row legacy files is consolidated as 'consolidate' does, and each flat file is deleted"
                    + " only after every one of its rows was found in a verified consolidated file and the file was"
                    + " entered in the migration record backfill/RUN.jsonl.",
            "Without --from/--to: every date with something to migrate. A file whose rows cannot be placed (no"
                    + " valid source) is reported and never deleted; a file that cannot be decoded fails its date"
                    + " (nothing of it is deleted) and the other dates go on. Safe to stop and run again.",
            "In a Cloud Run job started with --tasks N, each task takes its share of the dates from"
                    + " CLOUD_RUN_TASK_INDEX and CLOUD_RUN_TASK_COUNT (--shard overrides)."
        },
        footer = {
            "",
            "Examples:",
            "  feedstore backfill --dry-run",
            "  feedstore backfill --from 2025-08-01 --to 2025-08-31 --parallel 32",
            "  feedstore backfill --shard 0/4 --json"
        })
final class BackfillCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillCommand.class);
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            description = "First release date (default: the earliest with something to migrate).")
    LocalDate from;

    @picocli.CommandLine.Option(
            names = "--to",
            paramLabel = "YYYY-MM-DD",
            description = "Last release date, inclusive (default: the latest with something to migrate).")
    LocalDate to;

    @picocli.CommandLine.Option(
            names = "--sources",
            paramLabel = "S",
            arity = "1..*",
            split = ",",
            description = "Only these sources' rows and partitions (default: all). A flat file holding rows of"
                    + " other sources is kept.")
    List<Source> sources;

    @picocli.CommandLine.Option(
            names = "--dry-run",
            description = "Read and plan, write and delete nothing; say what would happen.")
    boolean dryRun;

    @picocli.CommandLine.Option(names = "--json", description = "Print the summary as a JSON document instead of text.")
    boolean json;

    @picocli.CommandLine.Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Files read and deleted at once (default: 4 per core, from 4 to 32), and one date in"
                    + " flight per 16 of them (from 1 to 8); 1 is strictly one request at a time.")
    Integer parallel;

    @picocli.CommandLine.Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "Take only shard I (from 0) of N of the dates (default: $CLOUD_RUN_TASK_INDEX of"
                    + " $CLOUD_RUN_TASK_COUNT, else all).")
    String shard;

    @Override
    public Integer call() {
        DateRangeOptions.requireOrdered(spec, from, to);
        int threads = parallel == null ? defaultParallel() : parallel;
        if (threads < 1 || threads > 1024) {
            throw new ParameterException(
                    spec.commandLine(), "--parallel " + threads + " must be from 1 to 1024 files at once");
        }
        Shard share = shard(feedstore.environment().variables());
        String run = runId(feedstore.environment(), share);
        BackfillHistory.Request request = new BackfillHistory.Request(
                Option.of(from),
                Option.of(to),
                sources == null ? Option.none() : Option.some(Set.copyOf(sources)),
                dryRun ? RunMode.DRY_RUN : RunMode.APPLY,
                share,
                run,
                threads);
        BackfillReport report;
        try (WiredStore app = feedstore.open(false);
                BackfillProgress progress = BackfillProgress.forThisProcess()) {
            LOG.info(
                    Markers.append("store", app.describe())
                            .and(Markers.append("run", run))
                            .and(Markers.append("shard", share.toString()))
                            .and(Markers.append("dry_run", dryRun)),
                    "{} the older layouts of {} (run {}, shard {})",
                    dryRun ? "planning the backfill of" : "backfilling",
                    app.describe(),
                    run,
                    share);
            report = app.get(BackfillHistory.class).backfill(request, progress);
        } catch (BackfillException e) {
            throw FeedstoreError.failure(e.getMessage(), e);
        }
        report.dates().stream()
                .filter(d -> d.status() == BackfillReport.DateStatus.FAILED)
                .forEach(d -> LOG.error("{}: {}", d.date(), d.detail().getOrElse("failed")));
        BackfillSummary summary = new BackfillSummary(report);
        spec.commandLine().getOut().print(json ? summary.json() : summary.text());
        return summary.anyFailed() ? ExitCode.FAILED : ExitCode.OK;
    }

    /** I/O-bound calls: several per core, bounded so that a small machine does not open hundreds of connections. */
    static int defaultParallel() {
        return Math.max(4, Math.min(32, 4 * Runtime.getRuntime().availableProcessors()));
    }

    private Shard shard(Map<String, String> variables) {
        try {
            if (shard != null) {
                return Shard.parse(shard);
            }
            String index = variables.get("CLOUD_RUN_TASK_INDEX");
            String count = variables.get("CLOUD_RUN_TASK_COUNT");
            if (index == null && count == null) {
                return Shard.ALL;
            }
            return Shard.parse(index + "/" + count);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    (shard != null ? "--shard: " : "CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT: ") + e.getMessage());
        }
    }

    /** One record per task and run: the Cloud Run execution's name when there is one, else the start time. */
    private static String runId(Environment environment, Shard shard) {
        String execution = environment.variables().get("CLOUD_RUN_EXECUTION");
        String base = execution != null && execution.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,60}")
                ? execution
                : RUN_STAMP.format(environment.clock().instant().atZone(ZoneOffset.UTC));
        return base + "-shard" + shard.index() + "of" + shard.count();
    }
}
