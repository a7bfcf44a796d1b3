package io.feedstore.bootstrap.cli;

import io.feedstore.application.BatchWriteException;
import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.EmailIngestException;
import io.feedstore.application.EmailIngestReport;
import io.feedstore.application.IngestEmails;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.Secrets;
import io.feedstore.bootstrap.logging.TerminalText;
import io.feedstore.bootstrap.settings.Setting;
import io.feedstore.bootstrap.settings.SettingFlags;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.bronze.BronzeMetadata;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.SpillSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore ingest-email}: emails archived in bronze, their press releases through the batch writer. */
@Command(
        name = "ingest-email",
        mixinStandardHelpOptions = true,
        description = {
            "Archives emails in bronze and stores their press releases.",
            "",
            "Each --input is an .eml file, an mbox file (a Google Takeout mbox included), a bronze-style folder"
                    + " (message.eml + meta.json) or a directory of these, read recursively.",
            "Each message is archived first, create-only, under"
                    + " bronze_raw/source=S/dt=D/msgId=ID/ (an item already there is 'already archived', not an"
                    + " error); then its press release is written with the archive time as ingested_at. Running"
                    + " again on the same input is always safe and completes what an interrupted run left undone.",
            "A message that yields no press release is archived all the same, reported on stderr and kept in"
                    + " rejects/ingest-email_<time>_<id>.jsonl; the exit code is then 1.",
            "Memory stays bounded: a message larger than 2 MiB is spilled to a temporary file while the mailbox"
                    + " is read and streamed to the store from there, and at most --archivers messages are in flight."
        },
        footer = {
            "",
            "Examples:",
            "  feedstore ingest-email --input Takeout/Mail/Pressmeddelanden.mbox",
            "  feedstore ingest-email --input inbox/ extra.eml --source gmail"
        })
final class IngestEmailCommand implements Callable<Integer>, SettingFlags {

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description = ".eml files, mbox files, bronze-style folders or directories of them.")
    List<Path> inputs;

    @Option(
            names = "--source",
            paramLabel = "S",
            description = "The source of the press releases and of the bronze keys. Default: gmail.")
    Source source = Source.of("gmail");

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Records per batch file and partition. Default: $FEEDSTORE_BATCH_SIZE, else "
                    + BatchWriterSettings.DEFAULT_BATCH_SIZE + ".")
    String batchSize;

    @Option(
            names = "--archivers",
            paramLabel = "N",
            description = "Messages parsed and archived at once (a remote store's requests are what take time);"
                    + " the summary and the rows are the same with any number. Default: $FEEDSTORE_EMAIL_ARCHIVERS,"
                    + " else " + IngestEmails.DEFAULT_ARCHIVERS + ".")
    String archivers;

    @Override
    public Map<Setting, String> settingFlags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BATCH_SIZE, batchSize);
        flags.put(Setting.EMAIL_ARCHIVERS, archivers);
        return flags;
    }

    @Override
    public Integer call() {
        Secrets secrets = Secrets.of(feedstore.environment().variables());
        EmailIngestReport report;
        try (WiredStore app = feedstore.open(true)) {
            EmailInputs emails;
            try {
                emails = EmailInputs.of(inputs, app.get(BronzeMetadata.class), app.get(SpillSpace.class));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try {
                report = app.get(IngestEmails.class).ingest(emails, source);
            } catch (EmailIngestException e) {
                printRejects(e.partial(), secrets);
                throw FeedstoreError.failure(e.getMessage(), e);
            } catch (BatchWriteException e) {
                throw FeedstoreError.failure(
                        e.getMessage() + "; run it again on the same input, which is always safe", e);
            } catch (IOException e) {
                throw FeedstoreError.failure(
                        "reading the input failed: " + e.getMessage()
                                + "; what was read before is stored, and running again is safe",
                        e);
            }
            printRejects(report, secrets);
            PrintWriter out = spec.commandLine().getOut();
            out.println(TerminalText.line(
                    secrets,
                    "Read " + ConsolidationSummary.count(report.read(), "message") + " into "
                            + app.store().describe() + ": " + report.archived() + " archived, "
                            + report.alreadyArchived() + " already archived, " + report.parsed() + " parsed, "
                            + report.rejected().size() + " rejected"));
            out.flush();
        }
        return report.rejected().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private void printRejects(EmailIngestReport report, Secrets secrets) {
        PrintWriter err = spec.commandLine().getErr();
        for (EmailIngestReport.Rejected rejected : report.rejected()) {
            err.println(TerminalText.line(
                    secrets,
                    "feedstore ingest-email: " + rejected.origin() + ": rejected (archived in "
                            + rejected.bronzePrefix() + "): " + rejected.reason()));
        }
        if (!report.deadLetters().isEmpty()) {
            err.println(TerminalText.line(
                    secrets, "feedstore ingest-email: rejected messages are kept in " + report.deadLetters()));
        }
        err.flush();
    }
}
