package io.feedstore.bootstrap.cli;

import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --from}, {@code --to} and {@code --sources} options of the commands that read a date range, and the
 * rule they share: the range is not empty. What the dates are (release dates, bronze dt) each command says in its
 * help through the {@code DateRangeOptions} resource bundle, keyed by the command's name.
 */
final class DateRangeOptions {

    static final String BUNDLE = "io.feedstore.bootstrap.cli.DateRangeOptions";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @picocli.CommandLine.Option(
            names = "--from",
            required = true,
            paramLabel = "YYYY-MM-DD",
            descriptionKey = "date-range.from",
            description = "First date.")
    LocalDate from;

    @picocli.CommandLine.Option(
            names = "--to",
            required = true,
            paramLabel = "YYYY-MM-DD",
            descriptionKey = "date-range.to",
            description = "Last date (inclusive).")
    LocalDate to;

    @picocli.CommandLine.Option(
            names = "--sources",
            paramLabel = "S",
            arity = "1..*",
            split = ",",
            description = "Only these sources (default: all).")
    List<Source> sources;

    /** This range, once {@link #requireOrdered} found it not empty. */
    DateRangeOptions checked() {
        requireOrdered(command, from, to);
        return this;
    }

    LocalDate from() {
        return from;
    }

    LocalDate to() {
        return to;
    }

    /** The sources asked for, or none for all of them. */
    Option<Set<Source>> sources() {
        return sources == null ? Option.none() : Option.some(Set.copyOf(sources));
    }

    /**
     * A usage error (exit code 2) naming both options when {@code to} is before {@code from}; an absent end (a
     * command whose range is optional) leaves the range open on that side.
     */
    static void requireOrdered(CommandSpec command, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ParameterException(
                    command.commandLine(), "--to " + to + " is before --from " + from + ": the date range is empty");
        }
    }
}
