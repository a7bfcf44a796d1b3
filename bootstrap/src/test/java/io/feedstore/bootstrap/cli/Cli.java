package io.feedstore.bootstrap.cli;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real command line in-process, as {@code ./feedstore} would, against a store in a temporary directory,
 * with a fixed "now" ({@link #NOW}, so "today" is 2025-01-16) and captured stdout and stderr.
 */
public final class Cli {

    static final Instant NOW = Instant.parse("2025-01-16T08:00:00Z");

    private final Path store;
    private final Map<String, String> variables = new HashMap<>();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    public Cli(Path store) {
        this.store = store;
        variables.put(Settings.STORE_VARIABLE, "file:" + store);
    }

    public Cli withVariable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    Cli withoutVariable(String name) {
        variables.remove(name);
        return this;
    }

    Cli at(Instant now) {
        clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    /** The environment variables the runs get. */
    Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    Path storeRoot() {
        return store;
    }

    ObjectStore store() {
        return new LocalFileSystemObjectStore(store);
    }

    /** Every object in the store: key, generation and size. */
    List<ObjectInfo> listing() {
        return store().list(KeyPrefix.ROOT).get();
    }

    public Run run(String... args) {
        return runWithStdin("", args);
    }

    Run runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment =
                new Environment(variables, clock, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int exitCode = FeedstoreCli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(Arrays.asList(args), exitCode, out.toString(), err.toString());
    }

    /** Writes lines to a file in {@code directory} and returns its path. */
    static Path file(Path directory, String name, String... lines) {
        try {
            return Files.writeString(directory.resolve(name), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JSON line with the required fields and a title and ingested_at. */
    static String line(String id, String source, String date, String ingestedAt, String title) {
        return "{\"press_release_id\":\"" + id + "\",\"source\":\"" + source + "\",\"release_date\":\"" + date
                + "\",\"ingested_at\":\"" + ingestedAt + "\",\"title\":\"" + title + "\"}";
    }

    /** What one command line did. */
    public record Run(List<String> args, int exitCode, String out, String err) {

        public List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }

        public List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        @Override
        public String toString() {
            return "feedstore " + String.join(" ", args) + " -> exit " + exitCode + "\n--- stdout\n" + out
                    + "--- stderr\n" + err;
        }
    }
}
