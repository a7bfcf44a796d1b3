package io.feedstore.bootstrap.cli;

import io.feedstore.application.LoadException;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.application.Loaded;
import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.release.PressRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedstore load}: every press release of a date range once, newest version, to stdout. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the press releases of a date range to stdout, each once in its newest version.",
            "",
            "Press releases released from --from to --to (inclusive), ordered by release_date, source,"
                    + " press_release_id. Batch, legacy, consolidated and flat-folder (release_date=D/ without source=) files"
                    + " are all read, so the answer is the"
                    + " same before and after consolidation.",
            "",
            "A file that cannot be read leaves its partition out: every other partition is still written, each"
                    + " unreadable file is named on stderr (one line: which file, why) and the exit code is 1."
                    + " Rows whose own source or release_date differ from their partition's are not written"
                    + " (a warning names the file)."
        },
        footer = {
            "",
            "Examples:",
            "  feedstore load --from 2025-01-13 --to 2025-01-15",
            "  feedstore load --from 2025-01-15 --to 2025-01-15 --sources gmail --format csv > gmail.csv"
        })
final class LoadCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LoadCommand.class);

    @ParentCommand
    FeedstoreCommand feedstore;

    @Spec
    CommandSpec spec;

    @Mixin
    DateRangeOptions range;

    @picocli.CommandLine.Option(
            names = "--format",
            paramLabel = "jsonl|csv",
            description = "jsonl (one JSON object per line, the twelve columns; the default) or csv (with a header).")
    OutputFormat format = OutputFormat.JSONL;

    @Override
    public Integer call() {
        range.checked();
        LocalDate from = range.from();
        LocalDate to = range.to();
        Loaded loaded;
        try (WiredStore app = feedstore.open(false)) {
            loaded = app.get(LoadPressReleases.class).loadReadable(from, to, range.sources());
        } catch (LoadException e) {
            throw FeedstoreError.failure(e.getMessage(), e);
        }
        List<PressRelease> releases = loaded.releases();
        LOG.info("loaded {} press releases from {} to {}", releases.size(), from, to);
        try {
            format.write(releases, spec.commandLine().getOut());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded.misplaced().forEach(m -> LOG.warn("{}", m.describe()));
        loaded.unplaceable().forEach(u -> LOG.warn("{}", u.describe()));
        loaded.problems().forEach(problem -> LOG.error("{}", problem));
        return loaded.isComplete() ? ExitCode.OK : ExitCode.FAILED;
    }
}
