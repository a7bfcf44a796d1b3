package io.feedstore.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command (usually a JVM on the harness's own class path) and reads what it reports. */
final class ChildJvm {

    private ChildJvm() {}

    /** How a child ended: its exit code (or a timeout), its wall time seen from here, its RESULT values. */
    record Outcome(
            int exitCode,
            boolean timedOut,
            double wallSeconds,
            Map<String, String> values,
            String stdout,
            String stderr) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }

        String value(String key) {
            return values.getOrDefault(key, "?");
        }

        /** What went wrong, in a few words, for a results table. */
        String failure() {
            if (timedOut) {
                return "timed out";
            }
            if (stderr.contains("OutOfMemoryError")) {
                String line = stderr.lines()
                        .filter(l -> l.contains("OutOfMemoryError"))
                        .findFirst()
                        .orElse("");
                return "OutOfMemoryError"
                        + (line.contains(":")
                                ? " ("
                                        + line.substring(line.lastIndexOf(':') + 1)
                                                .trim() + ")"
                                : "");
            }
            String last = (stderr.isBlank() ? stdout : stderr).strip();
            String[] lines = last.split("\n");
            return "exit " + exitCode + ": " + (lines.length == 0 ? "" : lines[lines.length - 1].strip());
        }
    }

    private static final String COLLECTOR = "-XX:+UseParallelGC";
    private static final String FIRST_COMPILER_ALONE = "-XX:TieredStopAtLevel=1";

    /**
     * The JVM options {@code docker/entrypoint.sh} (which {@code ./feedstore} runs too) chooses for {@code command}:
     * the parallel collector for every command (they are batch jobs), and C1 alone for consolidate, whose CPU goes to
     * native compression. The feedstore processes and the bounded-memory child run with them; the harness itself keeps
     * the JVM's defaults (G1, both compilers), so its in-process figures are feedstore as a library in a JVM whose
     * options nobody chose. {@code LauncherOptionsTest} holds this list to the script's choice.
     */
    static List<String> launcherOptions(String command) {
        return command.equals("consolidate") ? List.of(COLLECTOR, FIRST_COMPILER_ALONE) : List.of(COLLECTOR);
    }

    /**
     * {@code feedstore --store file:<store> <command> <args>} as {@code ./feedstore} runs it: the jar, the launcher's
     * options for the command, and the class-data sharing archive when {@code archive} is set.
     */
    static List<String> feedstore(Path jar, Path archive, Path store, String command, String... args) {
        List<String> line = new ArrayList<>(List.of(javaBinary()));
        if (archive != null) {
            line.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        line.addAll(launcherOptions(command));
        line.addAll(List.of("-jar", jar.toString(), "--store", "file:" + store, command));
        line.addAll(List.of(args));
        return line;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A JVM running {@link ChildJobs} with the harness's class path. */
    static Outcome java(List<String> jvmOptions, List<String> jobArgs, Duration timeout, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildJobs.class.getName());
        command.addAll(jobArgs);
        return run(command, timeout, logDir);
    }

    static Outcome run(List<String> command, Duration timeout, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path out = Files.createTempFile(logDir, "child", ".out");
            Path err = Files.createTempFile(logDir, "child", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return new Outcome(finished ? process.exitValue() : -1, !finished, wall, parse(stdout), stdout, stderr);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a child process", e);
        }
    }

    private static Map<String, String> parse(String stdout) {
        Map<String, String> values = new HashMap<>();
        stdout.lines().filter(l -> l.startsWith("RESULT ")).forEach(line -> {
            for (String part : line.substring(7).split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        });
        return values;
    }
}
