package io.feedstore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.store.ObjectInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void theDemoIngestsConsolidatesAndLoadsItsSampleAndReportsFilesBytesAndRows() {
        Cli cli = new Cli(temp.resolve("store"));

        Cli.Run run = cli.run("demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains(
                        "1. Ingest",
                        "2. Consolidate 12 partitions",
                        "3. Load 2025-01-13 to 2025-01-15",
                        "matches ✓",
                        "✓ consolidated",
                        "⚠ anomaly")
                .containsPattern("Files: +\\d+ before consolidation → 12 after")
                .containsPattern("Bytes: .+ → .+, \\d+\\.\\d× smaller")
                .containsPattern("Rows: +\\d+ read, [1-9]\\d* duplicates removed, \\d+ kept")
                .doesNotContain("Re-run");
        assertThat(cli.listing())
                .filteredOn(o -> PartitionFile.classify(o).isData())
                .extracting(o -> o.key().name())
                .hasSize(12)
                .containsOnly("consolidated.parquet");
    }

    @Test
    void reRunningTheDemoSucceedsAndLeavesTheStoreHoldingTheSamePressReleases() {
        Cli cli = new Cli(temp.resolve("store"));
        cli.run("demo");
        String loadedOnce =
                cli.run("load", "--from", "2025-01-13", "--to", "2025-01-15").out();
        List<String> keysOnce = dataKeys(cli);

        Cli.Run again = cli.run("demo");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Re-run: the store already held", "matches ✓");
        assertThat(cli.run("load", "--from", "2025-01-13", "--to", "2025-01-15").out())
                .isEqualTo(loadedOnce);
        assertThat(dataKeys(cli)).isEqualTo(keysOnce);
    }

    @Test
    void aDemoRunOnALaterDayAgreesWithTheEarlierRunOnTheDaysTheyShare() {
        Cli cli = new Cli(temp.resolve("store"));
        cli.run("demo");
        String sharedDays =
                cli.run("load", "--from", "2025-01-14", "--to", "2025-01-15").out();

        Cli.Run nextDay = cli.at(Cli.NOW.plus(Duration.ofDays(1))).run("demo");

        assertThat(nextDay.exitCode()).as(nextDay.toString()).isZero();
        assertThat(cli.run("load", "--from", "2025-01-14", "--to", "2025-01-15").out())
                .isEqualTo(sharedDays);
    }

    private static List<String> dataKeys(Cli cli) {
        return cli.listing().stream()
                .filter(o -> PartitionFile.classify(o).isData())
                .map(ObjectInfo::key)
                .map(Object::toString)
                .toList();
    }
}
