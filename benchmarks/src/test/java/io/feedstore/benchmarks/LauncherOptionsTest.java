package io.feedstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harness runs feedstore's processes with the command line {@code docker/entrypoint.sh} (and so
 * {@code ./feedstore}) would run: the script is run here with a {@code java} that only prints its arguments.
 */
class LauncherOptionsTest {

    private static final Path SCRIPT =
            Path.of("..", "docker", "entrypoint.sh").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"consolidate", "load", "ingest", "backfill"})
    void theHarnessRunsACommandAsTheLauncherRunsIt(String command) throws Exception {
        Path jar = Files.writeString(temp.resolve("feedstore.jar"), "never run");
        Path archive = Files.writeString(temp.resolve("feedstore.jsa"), "never mapped");
        Path store = temp.resolve("störe – å");
        Path java = Files.createDirectories(temp.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor argument in \"$@\"; do echo \"$argument\"; done\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        List<String> expected = ChildJvm.feedstore(jar, archive, store, command, "--date", "2025-02-03");
        List<String> launched = entrypoint(
                Map.of(
                        "JAVA_HOME", temp.resolve("jdk").toString(),
                        "FEEDSTORE_JAR", jar.toString(),
                        "FEEDSTORE_CDS_ARCHIVE", archive.toString()),
                expected.subList(expected.indexOf("--store"), expected.size()));

        assertThat(launched).containsExactlyElementsOf(expected.subList(1, expected.size()));
    }

    /** The script's {@code java} arguments, one a line, with only {@code variables} and PATH set. */
    private static List<String> entrypoint(Map<String, String> variables, List<String> args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString());
        builder.command().addAll(args);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(variables);
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
