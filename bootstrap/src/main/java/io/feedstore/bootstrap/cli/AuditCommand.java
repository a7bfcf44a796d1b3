package io.feedstore.bootstrap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedstore.application.ArchiveException;
import io.feedstore.application.AuditBronze;
import io.feedstore.application.AuditReport;
import io.feedstore.application.LoadException;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.Secrets;
import io.feedstore.bootstrap.logging.TerminalText;
import io.feedstore.bootstrap.wiring.WiredStore;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore audit}: bronze against silver, per source and date. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the bronze archive with silver, per source and date.",
            "",
            "For each source and date from --from to --to: the bronze items (by dt), the silver press releases (by"
                    + " release_date), the bronze ids without a press release and the silver ids of bronze form"
                    + " (a Gmail id, email__ or source__ + 16 hex digits) without a bronze item. Ids are matched"
                    + " within two days on either side, as a declared time can move a release to another date.",
            "The exit code is 1 when they diverge."
        },
        footer = {
            "",
            "Examples:",
            "  feedstore audit --from 2025-03-01 --to 2025-03-31",
            "  feedstore audit --from 2025-03-01 --to 2025-03-31 --json | jq '.days[] | select(.diverges)'"
        })
final class AuditCommand implements Callable<Integer> {

    /**
     * Made on first use, not when picocli creates this command at every start: building an {@code ObjectMapper}
     * loads and initialises a few hundred classes that only {@code audit --json} needs.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @Mixin
    DateRangeOptions range;

    @picocli.CommandLine.Option(names = "--json", description = "One JSON object on stdout instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        range.checked();
        LocalDate from = range.from();
        LocalDate to = range.to();
        AuditReport report;
        try (WiredStore app = feedstore.open(false)) {
            report = app.get(AuditBronze.class).audit(from, to, range.sources());
        } catch (ArchiveException | LoadException e) {
            throw FeedstoreError.failure(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(toJson(report)));
        } else {
            Secrets secrets = Secrets.of(feedstore.environment().variables());
            for (AuditReport.Day day : report.days()) {
                out.println(TerminalText.line(
                        secrets,
                        day.source() + " " + day.date() + ": " + day.bronzeItems() + " in bronze, "
                                + day.silverReleases() + " in silver"
                                + (day.diverges()
                                        ? "; bronze only: " + day.bronzeNotInSilver() + "; silver only: "
                                                + day.silverWithoutBronze()
                                        : "")));
            }
            out.println(report.diverges() ? "Bronze and silver diverge" : "Bronze and silver agree");
        }
        out.flush();
        return report.diverges() ? ExitCode.FAILED : ExitCode.OK;
    }

    private static ObjectNode toJson(AuditReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        root.put("diverges", report.diverges());
        ArrayNode days = root.putArray("days");
        for (AuditReport.Day day : report.days()) {
            ObjectNode node = days.addObject();
            node.put("source", day.source().value());
            node.put("date", day.date().toString());
            node.put("bronze_items", day.bronzeItems());
            node.put("silver_releases", day.silverReleases());
            node.put("diverges", day.diverges());
            ArrayNode bronzeOnly = node.putArray("bronze_not_in_silver");
            day.bronzeNotInSilver().forEach(bronzeOnly::add);
            ArrayNode silverOnly = node.putArray("silver_without_bronze");
            day.silverWithoutBronze().forEach(silverOnly::add);
        }
        return root;
    }
}
