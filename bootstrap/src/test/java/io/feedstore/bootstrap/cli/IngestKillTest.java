package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.store.ObjectInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code feedstore ingest} in a child JVM, killed with kill -9 or SIGTERM at a random moment of a large
 * input: whatever moment, every line up to the resume point it reported is stored or dead-lettered.
 */
class IngestKillTest {

    private static final int LINES = 30_000;
    private static final Pattern RESUME = Pattern.compile("every line up to line (\\d+) is stored or dead-lettered");
    private static final Pattern STOPPED = Pattern.compile("stopped by a termination signal after line (\\d+)");
    private static final List<String> SOURCES = List.of("gmail", "rss", "web", "newswire", "ir-site", "agency");
    private static final List<String> NAMES = List.of(
            "Åsa Lindqvist",
            "Jyväskylä Energia",
            "Ærø Færgefart",
            "Oulun Sähkö",
            "Søren Kierkegaard A/S",
            "株式会社ノルディック",
            "Björn 🚢 Shipping");

    @TempDir
    static Path inputs;

    private static Path input;
    private static final Set<Long> INVALID = new HashSet<>();

    @TempDir
    Path temp;

    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random();

    @BeforeAll
    static void writeInput() throws IOException {
        List<String> lines = new ArrayList<>(LINES);
        for (int i = 1; i <= LINES; i++) {
            String name = NAMES.get(i % NAMES.size());
            String source = SOURCES.get(i % SOURCES.size());
            String date = "2025-01-1" + (i % 4);
            if (i % 97 == 0) {
                INVALID.add((long) i);
                lines.add(line("pr-" + i, source, "2025-02-30", "2025-01-14T10:00:00Z", name + " – “bad date”"));
            } else if (i % 131 == 0) {
                INVALID.add((long) i);
                lines.add("{\"press_release_id\": \"pr-" + i + "\", \"title\": \"" + name + " – cut off");
            } else {
                lines.add(line(
                        "pr-" + i,
                        source,
                        date,
                        "2025-01-1" + (i % 4) + "T10:00:00Z",
                        name + " – “quarterly report ” " + i));
            }
        }
        input = Files.write(inputs.resolve("releases.jsonl"), lines, StandardCharsets.UTF_8);
    }

    @Test
    void afterKillNineEveryLineUpToTheLastReportedResumePointIsStoredOrDeadLettered() throws Exception {
        for (int run = 0; run < 1; run++) {
            Path store = temp.resolve("kill9-" + run);
            Child child = Child.start(store, temp);
            child.awaitProgress();
            Thread.sleep(random.nextInt(1_000));
            child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            long resume = lastResumePoint(child.err());
            assertSafe(store, resume, child);
        }
    }

    @Test
    void afterSigtermWhatWasReadIsStoredTheDeadLettersWrittenAndTheSummaryPrinted() throws Exception {
        for (int run = 0; run < 1; run++) {
            Path store = temp.resolve("term-" + run);
            Child child = Child.start(store, temp);
            child.awaitProgress();
            Thread.sleep(random.nextInt(1_000));
            child.process.destroy();
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            String err = child.err();
            Matcher stopped = STOPPED.matcher(err);
            if (stopped.find()) {
                assertThat(child.process.exitValue()).as(err).isEqualTo(143);
                long read = Long.parseLong(stopped.group(1));
                assertThat(lastResumePoint(err))
                        .as("everything read is stored on SIGTERM: " + err)
                        .isEqualTo(read);
                assertThat(child.out()).startsWith("Ingested ");
                assertSafe(store, read, child);
            } else {
                // The whole input was read before the signal: the run finished its flush and summary (exit 1 for the
                // rejected lines, or 143 when the signal came while it was finishing), and all of it is stored.
                assertThat(child.process.exitValue()).as(err).isIn(1, 143);
                assertThat(child.out()).as(err).startsWith("Ingested ");
                assertSafe(store, LINES, child);
            }
        }
    }

    private static long lastResumePoint(String err) {
        Matcher m = RESUME.matcher(err);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private void assertSafe(Path store, long resume, Child child) throws IOException {
        Cli cli = new Cli(store);
        Cli.Run load = cli.run("load", "--from", "2025-01-10", "--to", "2025-01-13");
        Set<String> stored = new HashSet<>();
        for (String row : load.outLines()) {
            stored.add(json.readTree(row).get("press_release_id").asText());
        }
        Set<Long> deadLettered = new HashSet<>();
        if (Files.isDirectory(store)) {
            for (ObjectInfo letters : cli.store().list(StoreLayout.REJECTS).get()) {
                String content =
                        new String(cli.store().read(letters.key()).get().content(), StandardCharsets.UTF_8);
                for (String letter : content.split("\n")) {
                    deadLettered.add(json.readTree(letter).get("line_number").asLong());
                }
            }
        }
        List<Long> lost = new ArrayList<>();
        for (long i = 1; i <= resume; i++) {
            if (INVALID.contains(i) ? !deadLettered.contains(i) : !stored.contains("pr-" + i)) {
                lost.add(i);
            }
        }
        assertThat(lost)
                .as("lines up to the resume point " + resume + " neither stored nor dead-lettered\n" + child.err())
                .isEmpty();
    }

    /** {@code feedstore ingest} in its own JVM, as {@code ./feedstore} runs it. */
    private record Child(Process process, Path outFile, Path errFile) {

        static Child start(Path store, Path temp) throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path out = Files.createTempFile(temp, "out", ".txt");
            Path err = Files.createTempFile(temp, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(
                            java,
                            "-Xmx256m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "--store",
                            "file:" + store,
                            "ingest",
                            "--input",
                            input.toString(),
                            "--batch-size",
                            "500")
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("FEEDSTORE_"));
            return new Child(builder.start(), out, err);
        }

        /** Until the first progress line: the ingest is under way (generous, for a loaded machine). */
        void awaitProgress() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!err().contains("lines read") && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(err()).as("a progress line before the kill").contains("lines read");
        }

        String err() {
            return read(errFile);
        }

        String out() {
            return read(outFile);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
