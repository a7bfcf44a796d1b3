package io.feedstore.bootstrap;

import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code feedstore} command line, assembled: converters that apply the domain's rules to arguments, and
 * handlers that turn every failure into one line on stderr and an exit code (0 success, 1 failure, 2 usage).
 */
final class FeedstoreCli {

    private FeedstoreCli() {
    }

    /** Runs one command line; returns its exit code. */
    static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = create(environment);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine create(Environment environment) {
        FeedstoreCommand feedstore = new FeedstoreCommand(environment);
        CommandLine cli = new CommandLine(feedstore);
        cli.registerConverter(LocalDate.class, FeedstoreCli::date);
        cli.registerConverter(Source.class, FeedstoreCli::source);
        cli.registerConverter(OutputFormat.class, FeedstoreCli::format);
        cli.setExecutionStrategy(parseResult -> {
            Logging.configure(feedstore.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler(FeedstoreCli::badArguments);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> failed(e, command, parseResult, feedstore));
        return cli;
    }

    private static int badArguments(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
        return ExitCode.USAGE;
    }

    private static int failed(Exception e, CommandLine command, ParseResult parseResult, FeedstoreCommand feedstore) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        int exitCode;
        String message;
        if (e instanceof FeedstoreError error) {
            exitCode = error.exitCode();
            message = error.getMessage();
        } else {
            exitCode = ExitCode.FAILED;
            message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        }
        err.println(name + ": " + oneLine(message) + (feedstore.verbose ? "" : verboseHint(e)));
        if (feedstore.verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        return exitCode;
    }

    /** An unexpected exception is a bug or an environment problem; its stack trace is one flag away. */
    private static String verboseHint(Exception e) {
        return e instanceof FeedstoreError ? "" : " (run with --verbose for details)";
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static LocalDate date(String value) {
        try {
            return WireRecord.parseDate("date", value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a date of the form YYYY-MM-DD");
        }
    }

    private static Source source(String value) {
        try {
            return Source.of(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static OutputFormat format(String value) {
        try {
            return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a format: use jsonl or csv");
        }
    }
}
