package io.feedstore.bootstrap;

import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.IngestException;
import io.feedstore.application.IngestPressReleases;
import io.feedstore.application.IngestReport;
import io.feedstore.application.Reject;
import io.feedstore.domain.store.ObjectStore;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore ingest}: JSON Lines in, batch files out; every rejected line kept in a dead-letter object. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
                "Stores press releases from a JSON Lines file.",
                "",
                "One JSON object per line, keyed by the twelve column names. press_release_id, release_date and"
                        + " source are required; ingested_at defaults to the time of ingestion; keys that are not"
                        + " columns are ignored; blank lines are skipped.",
                "Each invalid line is reported on stderr and kept verbatim, with its line number and reason, in"
                        + " rejects/ingest_<time>_<id>.jsonl in the store; the exit code is then 1."},
        footer = {"", "Example:", "  feedstore ingest --input releases.jsonl --batch-size 500",
                "  cat releases.jsonl | feedstore ingest --input -"})
final class IngestCommand implements Callable<Integer>, SettingFlags {

    private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE|-",
            description = "The JSON Lines file to read, or - for stdin.")
    String input;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Records per batch file and partition. Default: $FEEDSTORE_BATCH_SIZE, else "
                    + BatchWriterSettings.DEFAULT_BATCH_SIZE + ".")
    String batchSize;

    @Override
    public Map<Setting, String> settingFlags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BATCH_SIZE, batchSize);
        return flags;
    }

    @Override
    public Integer call() {
        IngestReport report;
        // The input is checked before the store is opened (and perhaps created): a typo creates nothing.
        try (InputLines lines = InputLines.open(input, feedstore.environment().stdin());
             Feedstore app = feedstore.open(true)) {
            ObjectStore store = app.store();
            LOG.info(Markers.append("store", store.describe()), "ingesting {} into {} (batches of {})", lines.name(),
                    store.describe(), app.settings().batchSize());
            try {
                report = app.get(IngestPressReleases.class).ingest(lines);
            } catch (IngestException e) {
                // What was rejected before the failure is still reported, line by line.
                printRejects(e.partial(), lines.name(), store, app.settings());
                throw FeedstoreError.failure(lines.name() + ": " + e.getMessage()
                        + "; re-running the same input is safe (duplicates are removed at consolidation)", e);
            }
            printRejects(report, lines.name(), store, app.settings());
            LOG.info(Markers.append("accepted", report.accepted()).and(Markers.append("rejected",
                            report.rejects().size())).and(Markers.append("batch_files", report.batches().size())),
                    "ingested {} press releases from {} into {} batch files", report.accepted(), lines.name(),
                    report.batches().size());
            spec.commandLine().getOut().println("Ingested " + ConsolidationSummary.count(report.accepted(),
                    "press release") + " from " + lines.name() + " into "
                    + ConsolidationSummary.count(report.batches().size(), "batch file") + " in " + store.describe()
                    + (report.rejects().isEmpty() ? ""
                            : "; " + ConsolidationSummary.count(report.rejects().size(), "line") + " rejected"));
        }
        return report.rejects().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** One line per reject on stderr: plain text, or a WARNING log line with its figures when logs are JSON. */
    private void printRejects(IngestReport report, String inputName, ObjectStore store, Settings settings) {
        PrintWriter err = spec.commandLine().getErr();
        Secrets secrets = Secrets.of(feedstore.environment().variables());
        boolean json = settings.logFormat() == Settings.LogFormat.JSON;
        for (Reject reject : report.rejects()) {
            String line = "feedstore ingest: " + inputName + " line " + reject.lineNumber() + " rejected: "
                    + reject.reason();
            if (json) {
                LOG.warn(Markers.append("line_number", reject.lineNumber()).and(Markers.append("reason",
                        reject.reason())), line);
            } else {
                err.println(TerminalText.line(secrets, line));
            }
        }
        report.deadLetters().forEach(key -> {
            String line = "feedstore ingest: " + report.rejects().size()
                    + (report.rejects().size() == 1 ? " line was" : " lines were") + " rejected; kept verbatim with"
                    + " line numbers and reasons in " + key + " (store " + store.describe() + ")";
            if (json) {
                LOG.warn(Markers.append("rejected", report.rejects().size()).and(Markers.append("dead_letters",
                        key.value())), line);
            } else {
                err.println(TerminalText.line(secrets, line));
            }
        });
        err.flush();
    }
}
