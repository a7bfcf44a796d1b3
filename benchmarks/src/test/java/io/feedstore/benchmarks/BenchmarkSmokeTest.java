package io.feedstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness works end to end on tiny data: every case runs on both engines, the engines agree, the child JVMs
 * (bounded memory, profiles) run, and the results file holds every figure. The real measurement is
 * {@code ./feedstore-bench}, never part of the build.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void theHarnessRunsEveryCaseOnTinyDataAndWritesEveryFigure() throws Exception {
        Path results = dir.resolve("RESULTS.md");
        Benchmark.run(BenchOptions.parse(
                "--tiny",
                "--runs",
                "1",
                "--big-runs",
                "1",
                "--warmups",
                "0",
                "--no-startup",
                "--heaps",
                "256m",
                "--child-heap",
                "256m",
                "--quiet",
                "--results",
                results.toString(),
                "--work",
                dir.resolve("work").toString()));

        String md = Files.readString(results);
        assertThat(md)
                .contains(
                        "### Case 1: Day",
                        "### Case 2: Busy partition",
                        "### Case 2a: Busy partition, ASCII-only text (reference)",
                        "### Case 3: Big partition",
                        "### Case 4: Year load",
                        "### Case 5: Compression",
                        "### Case 6: Batch writer",
                        "### Case 7: Month load, legacy layout vs consolidated",
                        "### Case 8: Backfill of a year of one-row legacy files",
                        "### Case 9: ingest-email of a Takeout mailbox",
                        "### Case 10: Replay of a year of bronze",
                        "### Case 2 as whole processes",
                        "### Case 3 as whole processes",
                        "### Bounded memory",
                        "#### Profile: case 2 consolidation",
                        "#### Profile: case 4 year load",
                        "#### Profile: case 6 batch writer");
        assertThat(md).containsAnyOf("### What would close the gap", "### Notes from the profiles");
        assertThat(md.split("Same rows in both outputs: yes", -1)).hasSize(5);
        assertThat(md).contains("Met: Case 3 (400 rows) consolidates under -Xmx256m");
        assertThat(md)
                .containsPattern(
                        "while each timed case ran .*: case 1 [0-9.]+, case 2 [0-9.]+, case 2a [0-9.]+, case 2 processes [0-9.]+, case 3 [0-9.]+, case 3 processes [0-9.]+,"
                                + " case 4 [0-9.]+, case 7 [0-9.]+, case 8 [0-9.]+, case 9 [0-9.]+, case 10 [0-9.]+,"
                                + " case 6 [0-9.]+");
        assertThat(md).doesNotContain("Profile of", "NO:");
        String summary = md.substring(md.indexOf("## Summary"), md.indexOf("### Targets"));
        assertThat(summary.lines().filter(l -> l.startsWith("| ") && l.contains("×")))
                .hasSizeGreaterThanOrEqualTo(9);
        assertThat(dir.resolve("work")).doesNotExist();
        assertThat(dir.resolve("RESULTS.md.partial")).doesNotExist();
    }
}
