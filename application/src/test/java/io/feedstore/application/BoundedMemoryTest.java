package io.feedstore.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory for real: a partition whose texts alone are about twice the heap consolidates in a child JVM
 * with that heap. A design that held every row (as consolidation did before it worked in passes) cannot fit.
 */
class BoundedMemoryTest {

    private static final int HEAP_MB = 128;
    private static final int ROWS = 64_000;
    private static final int BATCHES = 64;
    private static final int TEXT_CHARS = 4_500;

    @TempDir
    Path root;

    @Test
    void aPartitionTwiceTheSizeOfTheHeapConsolidatesWithinIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx" + HEAP_MB + "m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BoundedMemoryChild.class.getName(),
                        root.toString(),
                        String.valueOf(ROWS),
                        String.valueOf(BATCHES),
                        String.valueOf(TEXT_CHARS))
                .redirectErrorStream(true)
                .start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("the child ended in time; output:%n%s", output).isTrue();
        assertThat(child.exitValue())
                .as("the child's exit code; output:%n%s", output)
                .isZero();
        Matcher report = Pattern.compile(
                        "status=(\\w+) inputRows=(\\d+) finalRows=(\\d+) textBytes=(\\d+) maxHeap=(\\d+)")
                .matcher(output);
        assertThat(report.find()).as(output).isTrue();
        assertThat(report.group(1)).as(output).isEqualTo("CONSOLIDATED");
        assertThat(Integer.parseInt(report.group(2))).isEqualTo(ROWS);
        assertThat(Integer.parseInt(report.group(3))).isBetween(ROWS * 8 / 10, ROWS * 95 / 100);
        // The premise that makes this a test of bounded memory: the texts alone do not fit in the heap.
        assertThat(Long.parseLong(report.group(4))).isGreaterThan(2 * Long.parseLong(report.group(5)));
        assertThat(root.resolve(Releases.GMAIL_DAY.prefix().value()).toFile().list())
                .containsExactly("consolidated.parquet");
    }
}
