package io.feedstore.bootstrap.cli;

import io.feedstore.application.ArchiveException;
import io.feedstore.application.BatchWriteException;
import io.feedstore.application.ReplayBronze;
import io.feedstore.application.ReplayReport;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.Secrets;
import io.feedstore.bootstrap.logging.TerminalText;
import io.feedstore.bootstrap.settings.Setting;
import io.feedstore.bootstrap.settings.SettingFlags;
import io.feedstore.bootstrap.wiring.WiredStore;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore replay}: silver rebuilt from the bronze archive. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Re-parses archived bronze items and stores their press releases.",
            "",
            "Every bronze item with dt from --from to --to (inclusive) is parsed again with the current parsers"
                    + " and written through the batch writer. A row's ingested_at is the item's archive time, so"
                    + " replaying the same items again changes nothing once consolidated, and a newer parser's row"
                    + " wins over an older one by parser_version. Use it to rebuild silver after a loss.",
            "Without --sources the whole archive is listed once; with them only those folders are.",
            "An item that yields no press release (a message that is no message, a page that is not gzip, an"
                    + " entry that is not JSON) is reported on stderr with the reason and kept in"
                    + " rejects/replay_<time>_<id>.jsonl (not in a dry run); the other items are replayed all the"
                    + " same, and the exit code is then 1."
        },
        footer = {
            "",
            "Examples:",
            "  feedstore replay --from 2025-03-01 --to 2025-03-31 --sources gmail",
            "  feedstore replay --from 2025-03-14 --to 2025-03-14 --dry-run"
        })
final class ReplayCommand implements Callable<Integer>, SettingFlags {

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @Mixin
    DateRangeOptions range;

    @picocli.CommandLine.Option(names = "--dry-run", description = "Parse and report, write nothing.")
    boolean dryRun;

    @picocli.CommandLine.Option(
            names = "--readers",
            paramLabel = "N",
            description = "Bronze items read and parsed at once; on Cloud Storage raise FEEDSTORE_GCS_CONCURRENCY"
                    + " with it. Default: $FEEDSTORE_REPLAY_READERS, else " + ReplayBronze.DEFAULT_READERS + ".")
    String readers;

    @Override
    public Map<Setting, String> settingFlags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.REPLAY_READERS, readers);
        return flags;
    }

    @Override
    public Integer call() {
        range.checked();
        LocalDate from = range.from();
        LocalDate to = range.to();
        Secrets secrets = Secrets.of(feedstore.environment().variables());
        ReplayReport report;
        try (WiredStore app = feedstore.open(!dryRun)) {
            try {
                report = app.get(ReplayBronze.class).replay(from, to, range.sources(), dryRun);
            } catch (ArchiveException | BatchWriteException e) {
                throw FeedstoreError.failure(e.getMessage() + "; replaying again is always safe", e);
            }
            PrintWriter err = spec.commandLine().getErr();
            for (ReplayReport.Problem incomplete : report.incomplete()) {
                err.println(TerminalText.line(
                        secrets, "feedstore replay: " + incomplete.bronzePrefix() + ": " + incomplete.reason()));
            }
            for (ReplayReport.Problem rejected : report.rejected()) {
                err.println(TerminalText.line(
                        secrets,
                        "feedstore replay: " + rejected.bronzePrefix() + ": no press release: " + rejected.reason()));
            }
            if (!report.deadLetters().isEmpty()) {
                err.println(TerminalText.line(
                        secrets, "feedstore replay: rejected items are kept in " + report.deadLetters()));
            }
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            out.println(TerminalText.line(
                    secrets,
                    (dryRun ? "Dry run: " : "") + "Replayed "
                            + ConsolidationSummary.count(report.items(), "bronze item") + " from " + from + " to "
                            + to + " in " + app.store().describe() + ": " + report.parsed() + " parsed"
                            + (dryRun
                                    ? " (nothing written)"
                                    : " into "
                                            + ConsolidationSummary.count(
                                                    report.batches().size(), "batch file"))
                            + ", " + report.rejected().size() + " rejected"));
            out.flush();
        }
        return report.rejected().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
