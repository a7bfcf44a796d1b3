package io.feedstore.bootstrap.cli;

import io.feedstore.bootstrap.errors.ExitCode;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.logging.LogFormat;
import io.feedstore.bootstrap.logging.LogLevel;
import io.feedstore.bootstrap.logging.Logging;
import io.feedstore.bootstrap.logging.Secrets;
import io.feedstore.bootstrap.logging.TerminalText;
import io.feedstore.bootstrap.settings.Setting;
import io.feedstore.bootstrap.settings.SettingFlags;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code feedstore} command line, assembled: converters that apply the domain's rules to arguments, settings
 * resolved and logging set up before a command runs, and handlers that turn every failure into one line on
 * stderr (a JSON log line when the logs are JSON) and an exit code (0 success, 1 failure, 2 usage).
 */
final class FeedstoreCli {

    private FeedstoreCli() {}

    /** Runs one command line; returns its exit code. */
    static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        Reporter reporter = new Reporter(err, Secrets.of(environment.variables()));
        // Until the flags are read, the format the environment asks for: even a usage error in a container is JSON.
        LogFormat early = Settings.logFormatOrText(Map.of(), environment.variables());
        reporter.configure(early, early == LogFormat.JSON ? LogLevel.INFO : LogLevel.WARN, false);
        CommandLine cli = create(environment, reporter);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            MDC.remove("command");
            out.flush();
            err.flush();
        }
    }

    private static CommandLine create(Environment environment, Reporter reporter) {
        FeedstoreCommand feedstore = new FeedstoreCommand(environment);
        CommandLine cli = new CommandLine(feedstore);
        cli.registerConverter(LocalDate.class, FeedstoreCli::date);
        cli.registerConverter(Source.class, FeedstoreCli::source);
        cli.registerConverter(OutputFormat.class, FeedstoreCli::format);
        cli.setExecutionStrategy(parseResult -> {
            if (CommandLine.printHelpIfRequested(parseResult)) {
                return ExitCode.OK;
            }
            CommandLine command = leaf(parseResult);
            MDC.put("command", command.getCommandSpec().name());
            try {
                Map<Setting, String> flags =
                        command.getCommand() instanceof SettingFlags own ? own.settingFlags() : Map.of();
                Settings settings = feedstore.start(flags);
                reporter.configure(settings.logFormat(), settings.logLevel(), settings.verbose());
            } catch (FeedstoreError e) {
                return reporter.failed(e, command);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((e, args) -> reporter.badArguments(e));
        cli.setExecutionExceptionHandler((e, command, parseResult) -> reporter.failed(e, command));
        return cli;
    }

    private static CommandLine leaf(ParseResult parseResult) {
        ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.commandSpec().commandLine();
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

    /**
     * Reports how a command ended badly: one line on stderr, as text or, when the logs are JSON, as one ERROR log
     * line carrying the exit code; secrets masked either way.
     */
    static final class Reporter {

        private static final Logger LOG = LoggerFactory.getLogger(Logging.COMMAND_LOGGER);

        private final PrintWriter err;
        private final Secrets secrets;
        private LogFormat format = LogFormat.TEXT;
        private boolean verbose;

        Reporter(PrintWriter err, Secrets secrets) {
            this.err = Objects.requireNonNull(err, "err");
            this.secrets = Objects.requireNonNull(secrets, "secrets");
        }

        void configure(LogFormat format, LogLevel level, boolean verbose) {
            this.format = format;
            this.verbose = verbose;
            Logging.configure(format, level, verbose, secrets, err);
        }

        int badArguments(ParameterException e) {
            String name = e.getCommandLine().getCommandSpec().qualifiedName();
            report(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')", ExitCode.USAGE, null);
            return ExitCode.USAGE;
        }

        int failed(Exception e, CommandLine command) {
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
            // An unexpected exception is a bug or an environment problem; its stack trace is one flag away.
            String hint = verbose || e instanceof FeedstoreError ? "" : " (run with --verbose for details)";
            report(name + ": " + oneLine(message) + hint, exitCode, verbose ? e : null);
            return exitCode;
        }

        private void report(String line, int exitCode, Exception trace) {
            if (format == LogFormat.JSON) {
                LOG.error(Markers.append("exit_code", exitCode), secrets.redact(line), trace);
                return;
            }
            err.println(TerminalText.line(secrets, line));
            if (trace != null) {
                StringWriter text = new StringWriter();
                trace.printStackTrace(new PrintWriter(text));
                err.print(TerminalText.lines(secrets, text.toString()));
            }
            err.flush();
        }
    }
}
