package io.feedstore.bootstrap.cli;

import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.IngestControl;
import io.feedstore.application.IngestException;
import io.feedstore.application.IngestPressReleases;
import io.feedstore.application.IngestReport;
import io.feedstore.application.Reject;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.LogFormat;
import io.feedstore.bootstrap.logging.Secrets;
import io.feedstore.bootstrap.logging.TerminalText;
import io.feedstore.bootstrap.settings.Setting;
import io.feedstore.bootstrap.settings.SettingFlags;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore ingest}: JSON Lines in, batch files out; every rejected line kept in a dead-letter object. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Stores press releases from a JSON Lines file.",
            "",
            "One JSON object per line, keyed by the twelve column names. press_release_id, release_date and"
                    + " source are required; ingested_at defaults to the time of ingestion; keys that are not"
                    + " columns are ignored; blank lines are skipped.",
            "Each invalid line is reported on stderr and kept verbatim, with its line number and reason, in"
                    + " rejects/ingest_<time>_<id>.jsonl objects in the store, written as the run goes; the exit"
                    + " code is then 1.",
            "Every " + IngestPressReleases.PROGRESS_EVERY_TEXT + " lines, and when the run stops (a store"
                    + " failure, SIGTERM), stderr says up to which line everything is stored: resume with"
                    + " tail -n +N, or resend the whole input, which is always safe."
        },
        footer = {
            "",
            "Example:",
            "  feedstore ingest --input releases.jsonl --batch-size 500",
            "  cat releases.jsonl | feedstore ingest --input -"
        })
final class IngestCommand implements Callable<Integer>, SettingFlags {

    private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE|-",
            description = "The JSON Lines file to read, or - for stdin.")
    String input;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Records per batch file and partition. Default: $FEEDSTORE_BATCH_SIZE, else "
                    + BatchWriterSettings.DEFAULT_BATCH_SIZE + ".")
    String batchSize;

    @Option(
            names = "--max-future-skew",
            paramLabel = "DURATION",
            description = "How far after the start of this run an ingested_at may be; later ones are dead-lettered."
                    + " Default: $FEEDSTORE_MAX_FUTURE_SKEW, else 10m.")
    String maxFutureSkew;

    @Override
    public Map<Setting, String> settingFlags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BATCH_SIZE, batchSize);
        flags.put(Setting.MAX_FUTURE_SKEW, maxFutureSkew);
        return flags;
    }

    @Override
    public Integer call() {
        IngestReport report;
        // The input is checked before the store is opened (and perhaps created): a typo creates nothing.
        try (InputLines lines = InputLines.open(input, feedstore.environment().stdin());
                WiredStore app = feedstore.open(true)) {
            ObjectStore store = app.store();
            Secrets secrets = Secrets.of(feedstore.environment().variables());
            LOG.info(
                    Markers.append("store", store.describe()),
                    "ingesting {} into {} (batches of {})",
                    lines.name(),
                    store.describe(),
                    app.settings().batchSize());
            Termination termination = new Termination();
            try {
                try {
                    report = app.get(IngestPressReleases.class)
                            .ingest(
                                    lines,
                                    termination.control(
                                            soFar -> printProgress(soFar, lines.name(), app.settings(), secrets)));
                } catch (IngestException e) {
                    // What was rejected before the failure is still reported, line by line.
                    printRejects(e.partial(), lines.name(), store, app.settings(), secrets);
                    throw FeedstoreError.failure(lines.name() + ": " + e.getMessage(), e);
                }
                printRejects(report, lines.name(), store, app.settings(), secrets);
                LOG.info(
                        Markers.append("accepted", report.accepted())
                                .and(Markers.append("rejected", report.rejects().size()))
                                .and(Markers.append(
                                        "batch_files", report.batches().size())),
                        "ingested {} press releases from {} into {} batch files",
                        report.accepted(),
                        lines.name(),
                        report.batches().size());
                spec.commandLine()
                        .getOut()
                        .println(TerminalText.line(
                                secrets,
                                "Ingested "
                                        + ConsolidationSummary.count(report.accepted(), "press release") + " from "
                                        + lines.name()
                                        + " into "
                                        + ConsolidationSummary.count(
                                                report.batches().size(), "batch file") + " in "
                                        + store.describe()
                                        + (report.rejects().isEmpty()
                                                ? ""
                                                : "; "
                                                        + ConsolidationSummary.count(
                                                                report.rejects().size(), "line") + " rejected")));
                spec.commandLine().getOut().flush();
                if (report.stopped()) {
                    printStop(report, lines.name(), app.settings(), secrets);
                    return ExitCode.FAILED;
                }
            } finally {
                termination.finished();
            }
        }
        return report.rejects().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private void printProgress(IngestReport soFar, String inputName, Settings settings, Secrets secrets) {
        String line = "feedstore ingest: " + inputName + ": " + soFar.linesRead() + " lines read, "
                + soFar.rejects().size() + " rejected; " + storedThrough(soFar);
        if (settings.logFormat() == LogFormat.JSON) {
            LOG.info(
                    Markers.append("lines_read", soFar.linesRead())
                            .and(Markers.append("stored_through", soFar.storedThrough()))
                            .and(Markers.append("resume_at", soFar.resumeAt())),
                    line);
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.println(TerminalText.line(secrets, line));
            err.flush();
        }
    }

    private void printStop(IngestReport report, String inputName, Settings settings, Secrets secrets) {
        String line = "feedstore ingest: " + inputName + ": stopped by a termination signal after line "
                + report.linesRead() + "; " + storedThrough(report) + ", or resend the whole input, which is always"
                + " safe";
        if (settings.logFormat() == LogFormat.JSON) {
            LOG.error(
                    Markers.append("stored_through", report.storedThrough())
                            .and(Markers.append("resume_at", report.resumeAt())),
                    line);
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.println(TerminalText.line(secrets, line));
            err.flush();
        }
    }

    private static String storedThrough(IngestReport report) {
        return (report.storedThrough() == 0
                        ? "no line is known to be stored yet"
                        : "every line up to line " + report.storedThrough() + " is stored or dead-lettered")
                + ": resume at line " + report.resumeAt() + " (tail -n +" + report.resumeAt() + ")";
    }

    /** One line per reject on stderr: plain text, or a WARNING log line with its figures when logs are JSON. */
    private void printRejects(
            IngestReport report, String inputName, ObjectStore store, Settings settings, Secrets secrets) {
        PrintWriter err = spec.commandLine().getErr();
        boolean json = settings.logFormat() == LogFormat.JSON;
        for (Reject reject : report.rejects()) {
            String line =
                    "feedstore ingest: " + inputName + " line " + reject.lineNumber() + " rejected: " + reject.reason();
            if (json) {
                LOG.warn(
                        Markers.append("line_number", reject.lineNumber())
                                .and(Markers.append("reason", reject.reason())),
                        line);
            } else {
                err.println(TerminalText.line(secrets, line));
            }
        }
        if (!report.deadLetters().isEmpty()) {
            ObjectKey first = report.deadLetters().get(0);
            int more = report.deadLetters().size() - 1;
            String line = "feedstore ingest: " + report.rejects().size()
                    + (report.rejects().size() == 1 ? " line was" : " lines were") + " rejected; kept verbatim with"
                    + " line numbers and reasons in " + first
                    + (more == 0
                            ? ""
                            : " and " + ConsolidationSummary.count(more, "more object") + " under " + first.parent())
                    + " (store "
                    + store.describe() + ")";
            if (json) {
                LOG.warn(
                        Markers.append("rejected", report.rejects().size())
                                .and(Markers.append(
                                        "dead_letters",
                                        report.deadLetters().stream()
                                                .map(ObjectKey::value)
                                                .toList())),
                        line);
            } else {
                err.println(TerminalText.line(secrets, line));
            }
        }
        err.flush();
    }

    /**
     * SIGTERM (what Cloud Run sends before it kills a task) runs shutdown hooks on their own thread while the
     * ingest goes on on this one. The hook only asks the ingest to stop and waits: the ingest thread stops reading,
     * stores what it buffered, writes the dead letters and prints the summary itself, so no state is shared
     * between the threads but two synchronizers. Cloud Run allows 10 seconds after SIGTERM; the wait is shorter.
     */
    private static final class Termination {

        private static final long GRACE_SECONDS = 9;

        private final AtomicBoolean requested = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook = new Thread(this::stopAndWait, "feedstore-ingest-termination");
        private final boolean registered;

        Termination() {
            boolean added;
            try {
                Runtime.getRuntime().addShutdownHook(hook);
                added = true;
            } catch (IllegalStateException e) {
                // Already shutting down: nothing to coordinate with.
                added = false;
            }
            registered = added;
        }

        IngestControl control(Consumer<IngestReport> progress) {
            return new IngestControl() {
                @Override
                public boolean stopRequested() {
                    return requested.get();
                }

                @Override
                public void progress(IngestReport soFar) {
                    progress.accept(soFar);
                }
            };
        }

        private void stopAndWait() {
            requested.set(true);
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Called by the ingest thread once all is stored and printed; lets a waiting hook end the process. */
        void finished() {
            finished.countDown();
            if (registered && !requested.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // The JVM began shutting down meanwhile; the hook finds the latch open and returns.
                }
            }
        }
    }
}
