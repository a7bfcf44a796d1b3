package io.feedstore.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code feedstore}: the global options, and the wiring every subcommand asks for once its own options are read. */
@Command(name = "feedstore",
        mixinStandardHelpOptions = true,
        versionProvider = FeedstoreCommand.Version.class,
        subcommands = {IngestCommand.class, ConsolidateCommand.class, LoadCommand.class, DemoCommand.class},
        description = "Stores press releases as partitioned Parquet files, consolidates each partition into one"
                + " deduplicated file, and loads every press release once in its newest version.",
        footer = {"", "Exit codes: 0 success; 1 a rejected line, a failed or conflicted partition, or a store failure;"
                + " 2 bad arguments or configuration."})
final class FeedstoreCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "Where the store is: file:PATH (a local directory, relative to the working directory)."
                    + " Default: $" + Settings.STORE_VARIABLE + ", else " + Settings.DEFAULT_STORE + ".")
    String store;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log progress and show stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Environment environment;

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

    /** The settings as flags, environment and defaults give them; a bad one is a {@link FeedstoreError}. */
    Settings settings() {
        return Settings.resolve(store, environment.variables(), environment.clock());
    }

    /**
     * The wired application for one command. The store is opened here, so a bad location fails before any work.
     *
     * @param mayCreateStore whether a missing local store directory may be created (commands that write)
     */
    Injector wire(UnaryOperator<Settings> adjust, boolean mayCreateStore) {
        Settings settings = adjust.apply(settings());
        try {
            return Guice.createInjector(Stage.PRODUCTION, new FeedstoreModule(settings, mayCreateStore));
        } catch (CreationException e) {
            throw unwrap(e, e.getErrorMessages());
        } catch (ProvisionException e) {
            throw unwrap(e, e.getErrorMessages());
        }
    }

    /** Guice wraps what a provider throws; the user needs the original one-line reason. */
    private static RuntimeException unwrap(RuntimeException guice, Iterable<Message> messages) {
        for (Message message : messages) {
            for (Throwable t = message.getCause(); t != null; t = t.getCause()) {
                if (t instanceof FeedstoreError error) {
                    return error;
                }
            }
        }
        return guice;
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
