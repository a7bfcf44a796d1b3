package io.feedstore.bootstrap.cli;

import static io.feedstore.bootstrap.cli.Cli.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.domain.consolidation.AnomalyRule;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * feedstore processes killed (kill -9) in the middle of consolidations leave temporaries in partition folders;
 * the next run removes every one of them, reports how many, and loses no press release.
 */
class KilledConsolidationsTest {

    private static final int KILLS = 5;
    private static final int ROWS_PER_ROUND = 1000;
    private static final List<String> SOURCES = List.of("gmail", "rss");

    @TempDir
    Path temp;

    @Test
    void temporariesOfKilledConsolidationsAreRemovedByTheNextRunAndCountedAndNoReleaseIsLost() throws Exception {
        Cli cli = new Cli(temp.resolve("store"));
        Random random = new Random(20250114);
        Set<String> ids = new HashSet<>();
        int leftBehind = 0;
        for (int round = 0; round < KILLS; round++) {
            ingestRound(cli, round, random, ids);
            Process consolidation = consolidationProcess(cli.storeRoot(), round);
            try {
                awaitTemporary(cli.storeRoot(), consolidation);
                consolidation.destroyForcibly();
                assertThat(consolidation.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                consolidation.destroyForcibly();
            }
            leftBehind = temporaries(cli.storeRoot()).size();
        }
        assertThat(leftBehind)
                .as("the kills left temporaries behind, as they do in production")
                .isPositive();

        // The next run happens later: the killed writers' temporaries are older than the bound by then.
        for (Path temporary : temporaries(cli.storeRoot())) {
            Files.setLastModifiedTime(temporary, FileTime.from(Instant.now().minusSeconds(120)));
        }
        Cli.Run next = cli.run("consolidate", "--date", "2025-01-14", "--json");

        assertThat(next.exitCode()).as(next.toString()).isZero();
        JsonNode totals = new ObjectMapper().readTree(next.out()).get("totals");
        assertThat(totals.get("temporaries_removed").asLong()).isEqualTo(leftBehind);
        assertThat(temporaries(cli.storeRoot())).isEmpty();
        Cli.Run load = cli.run("load", "--from", "2025-01-14", "--to", "2025-01-14");
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.outLines()).hasSize(ids.size());
    }

    @Test
    void theTextSummarySaysHowManyTemporariesWereRemovedWhenThereWereAny() {
        ConsolidationSummary none = new ConsolidationSummary(List.of(), false, new AnomalyRule(0), 0, List.of());
        ConsolidationSummary three = new ConsolidationSummary(List.of(), false, new AnomalyRule(0), 3, List.of());

        assertThat(none.text()).doesNotContain("Temporaries");
        assertThat(three.text()).endsWith("Temporaries removed: 3\n");
    }

    private void ingestRound(Cli cli, int round, Random random, Set<String> ids) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS_PER_ROUND; i++) {
            String id = "r" + round + "-" + i;
            ids.add(id);
            lines.add(line(
                    id,
                    SOURCES.get(i % SOURCES.size()),
                    "2025-01-14",
                    "2025-01-14T10:00:00Z",
                    "Åsa Lindqvist – “Jyväskylä” 東京 🦌 " + noise(random)));
        }
        Cli.Run run = cli.run(
                "ingest",
                "--input",
                Cli.file(temp, "round-" + round + ".jsonl", lines.toArray(String[]::new))
                        .toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    private static String noise(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private Process consolidationProcess(Path store, int round) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xshare:auto",
                        "-XX:TieredStopAtLevel=1",
                        Main.class.getName(),
                        "consolidate",
                        "--date",
                        "2025-01-14")
                .redirectOutput(temp.resolve("consolidate-" + round + ".out").toFile())
                .redirectError(temp.resolve("consolidate-" + round + ".err").toFile());
        builder.environment().put(Settings.STORE_VARIABLE, "file:" + store);
        return builder.start();
    }

    /** Waits until the consolidation has a temporary it has not had before, or has ended. */
    private static void awaitTemporary(Path store, Process consolidation) throws Exception {
        Set<Path> before = new HashSet<>(temporaries(store));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (consolidation.isAlive() && System.nanoTime() < deadline) {
            for (Path temporary : temporaries(store)) {
                if (!before.contains(temporary)) {
                    return;
                }
            }
            Thread.sleep(2);
        }
    }

    private static List<Path> temporaries(Path store) throws Exception {
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith(".") && name.endsWith(".tmp");
                    })
                    .toList();
        } catch (UncheckedIOException | NoSuchFileException goneWhileWalking) {
            return List.of();
        }
    }
}
