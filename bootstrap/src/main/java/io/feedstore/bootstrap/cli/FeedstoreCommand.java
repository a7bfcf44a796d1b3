package io.feedstore.bootstrap.cli;

import io.feedstore.bootstrap.settings.Setting;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.bootstrap.wiring.WiredStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code feedstore}: the global options, and the wiring every subcommand asks for once its own options are read. */
@Command(
        name = "feedstore",
        mixinStandardHelpOptions = true,
        resourceBundle = DateRangeOptions.BUNDLE,
        versionProvider = FeedstoreCommand.Version.class,
        subcommands = {
            IngestCommand.class,
            IngestEmailCommand.class,
            ConsolidateCommand.class,
            LoadCommand.class,
            BackfillCommand.class,
            ReplayCommand.class,
            AuditCommand.class,
            DemoCommand.class
        },
        description = "Stores press releases as partitioned Parquet files, consolidates each partition into one"
                + " deduplicated file, and loads every press release once in its newest version.",
        footer = {
            "",
            "Every setting can also come from the environment (FEEDSTORE_STORE, GCS_BUCKET, PROJECT_ID,"
                    + " CONSOLIDATION_MIN_ROWS, FEEDSTORE_LOG_FORMAT, ...; see README.md); a flag wins over the"
                    + " environment.",
            "",
            "Exit codes: 0 success; 1 a rejected line, a failed or conflicted partition, or a store failure;"
                    + " 2 bad arguments or configuration."
        })
final class FeedstoreCommand implements Callable<Integer> {

    @Option(
            names = "--store",
            paramLabel = "URI",
            scope = ScopeType.INHERIT,
            description = "Where the store is: file:PATH (a local directory, relative to the working directory) or"
                    + " gs://BUCKET[/PREFIX]. Default: $" + Settings.STORE_VARIABLE + ", else gs://$GCS_BUCKET if"
                    + " GCS_BUCKET is set, else " + Settings.DEFAULT_STORE + ".")
    String store;

    @Option(
            names = "--log-format",
            paramLabel = "text|json",
            scope = ScopeType.INHERIT,
            description = "Log lines as text, or as one JSON object per line for Cloud Logging."
                    + " Default: $FEEDSTORE_LOG_FORMAT, else text.")
    String logFormat;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            scope = ScopeType.INHERIT,
            description = "error, warn, info, debug or trace. Default: $FEEDSTORE_LOG_LEVEL, else warn (text logs)"
                    + " or info (JSON logs).")
    String logLevel;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Log at debug level and show stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Environment environment;
    private Settings settings;

    FeedstoreCommand(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: ingest, consolidate, load or demo");
    }

    Environment environment() {
        return environment;
    }

    /**
     * Resolves every setting from the flags, the environment and the defaults, before the command does anything;
     * a bad one is a {@link io.feedstore.bootstrap.errors.FeedstoreError}.
     *
     * @param commandFlags the command's own setting flags
     */
    Settings start(Map<Setting, String> commandFlags) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.STORE, store);
        flags.put(Setting.LOG_FORMAT, logFormat);
        flags.put(Setting.LOG_LEVEL, logLevel);
        flags.putAll(commandFlags);
        settings = Settings.resolve(flags, verbose, environment.variables(), environment.clock());
        return settings;
    }

    /**
     * The wired application for one command, to be closed when the command ends. The store is opened here, so a
     * bad location fails before any work.
     *
     * @param mayCreateStore whether a missing local store directory may be created (commands that write)
     */
    WiredStore open(boolean mayCreateStore) {
        if (settings == null) {
            throw new IllegalStateException("settings are resolved when the command starts");
        }
        return WiredStore.wire(settings, mayCreateStore);
    }

    /** The version in the jar's manifest, when run from the jar. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FeedstoreCommand.class.getPackage().getImplementationVersion();
            return new String[] {"feedstore " + (version == null ? "(development build)" : version)};
        }
    }
}
