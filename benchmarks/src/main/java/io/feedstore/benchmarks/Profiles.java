package io.feedstore.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes: a job in a child JVM under Java Flight Recorder (Java and native method samples every
 * 10 ms, GC events) that covers the job only (not the JVM's start), summarised by phase of the use case, by activity (what the sampled thread was doing), and
 * by the hottest frames. The .jfr files are kept in the scratch directory ({@code --keep}) for {@code jfr print}.
 */
final class Profiles {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="feedstore-bench">
              <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
              <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
              <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.GCPhasePause"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
            </configuration>
            """;

    /** Phases of the use cases, by the first of our frames found on the stack (in this order of priority). */
    private static final List<Map.Entry<String, Predicate<String>>> PHASES = List.of(
            // The read-back decodes row groups on threads of its own (ParallelRowGroupDecoder, only used there).
            rule(
                    "verify: read back, decode, compare",
                    s -> s.contains("ConsolidatePartitions$Run.verify")
                            || s.contains("parquet.ParallelRowGroupDecoder")),
            rule(
                    "read + decode inputs",
                    s -> s.contains("ParquetRecordCodec.decode") || s.contains("LocalFileSystemObjectStore.read")),
            rule("deduplicate", s -> s.contains("consolidation.Deduplication.")),
            rule("encode (Parquet writer)", s -> s.contains("ParquetRecordCodec.encode")),
            rule("object store (files, fsync, lock)", s -> s.contains("localfs.LocalFileSystemObjectStore")),
            rule("sort / other use-case code", s -> s.contains("io.feedstore.application.")),
            rule("JVM / other threads", s -> true));

    /** What the sampled thread was doing, by the top-most frame that matches (in this order of priority). */
    private static final List<Map.Entry<String, Predicate<String>>> ACTIVITIES = List.of(
            rule(
                    "ZSTD decompression",
                    s -> s.startsWith("com.github.luben.zstd")
                            && (s.contains("ecompress") || s.contains("ZstdInputStream") || s.contains("DStream"))),
            rule("ZSTD compression", s -> s.startsWith("com.github.luben.zstd")),
            rule("snappy", s -> s.startsWith("org.xerial.snappy")),
            rule("CRC32 page checksums", s -> s.startsWith("java.util.zip.CRC32")),
            rule(
                    "class loading (first use of a class)",
                    s -> s.startsWith("java.lang.ClassLoader")
                            || s.startsWith("jdk.internal.loader.")
                            || s.startsWith("java.util.zip.")
                            || s.startsWith("java.util.jar.")),
            rule(
                    "file I/O (read, write, fsync)",
                    s -> s.startsWith("sun.nio.ch.") || s.startsWith("java.io.File") || s.startsWith("sun.nio.fs.")),
            rule(
                    "strings ⇄ UTF-8 bytes",
                    s -> s.startsWith("java.lang.String")
                            || s.startsWith("sun.nio.cs.")
                            || s.startsWith("java.lang.StringCoding")
                            || s.startsWith("org.apache.parquet.io.api.Binary")),
            rule("timestamps (java.time parse/format)", s -> s.startsWith("java.time.")),
            rule("Parquet column readers/writers, record assembly", s -> s.startsWith("org.apache.parquet.")),
            rule("feedstore record model, comparison, checks", s -> s.startsWith("io.feedstore.")),
            rule("vavr", s -> s.startsWith("io.vavr.")),
            rule(
                    "memory copies, collections",
                    s -> s.startsWith("java.util.")
                            || s.startsWith("java.io.")
                            || s.startsWith("jdk.internal.misc.")
                            || s.startsWith("java.lang.System")),
            rule("other", s -> true));

    private Profiles() {}

    private static Map.Entry<String, Predicate<String>> rule(String name, Predicate<String> matches) {
        return Map.entry(name, matches);
    }

    /** A profiled job and what its summary says. */
    record Profile(
            String title,
            ChildJvm.Outcome outcome,
            String markdown,
            Map<String, Double> phases,
            Map<String, Double> activities,
            double jobSeconds,
            double gcPauseSeconds) {}

    static Profile record(Bench bench, String title, String name, List<String> job) throws IOException {
        Path jfr = bench.work.resolve("profiles/" + name + ".jfr");
        Path settings = bench.work.resolve("profiles/feedstore-bench.jfc");
        Files.createDirectories(jfr.getParent());
        Files.writeString(settings, SETTINGS);
        Bench.log("profiling " + title + " under JFR");
        ChildJvm.Outcome outcome = ChildJvm.java(
                List.of(
                        "-Xmx" + bench.options.childHeap(),
                        "-XX:FlightRecorderOptions:stackdepth=256",
                        "-Dbench.jfr=" + jfr,
                        "-Dbench.jfc=" + settings),
                job,
                TIMEOUT,
                bench.work.resolve("logs"));
        if (!outcome.ok() || !Files.exists(jfr)) {
            return new Profile(
                    title,
                    outcome,
                    "Profile of " + title + " failed: " + outcome.failure() + "\n",
                    Map.of(),
                    Map.of(),
                    Double.NaN,
                    Double.NaN);
        }
        return summarise(title, outcome, jfr);
    }

    static Profile summarise(String title, ChildJvm.Outcome outcome, Path jfr) throws IOException {
        Map<String, Integer> phases = new LinkedHashMap<>();
        Map<String, Integer> activities = new LinkedHashMap<>();
        Map<String, Integer> selfFrames = new HashMap<>();
        int javaSamples = 0;
        int nativeSamples = 0;
        int gcCount = 0;
        double gcPauseSeconds = 0;
        PHASES.forEach(p -> phases.put(p.getKey(), 0));
        ACTIVITIES.forEach(a -> activities.put(a.getKey(), 0));
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcCount++;
                gcPauseSeconds += event.getDuration("sumOfPauses").toNanos() / 1e9;
                continue;
            }
            boolean isNative = type.equals("jdk.NativeMethodSample");
            if (!isNative && !type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame frame : stack.getFrames()) {
                frames.add(frame.getMethod().getType().getName() + "."
                        + frame.getMethod().getName());
            }
            if (isNative) {
                nativeSamples++;
            } else {
                javaSamples++;
            }
            selfFrames.merge(frames.get(0) + (isNative ? " (native)" : ""), 1, Integer::sum);
            phases.merge(classify(PHASES, frames, false), 1, Integer::sum);
            activities.merge(classify(ACTIVITIES, frames, true), 1, Integer::sum);
        }
        int total = javaSamples + nativeSamples;
        StringBuilder md = new StringBuilder();
        md.append("#### Profile: ").append(title).append("\n\n");
        md.append("Job time in the child JVM: ")
                .append(Report.seconds(parse(outcome.value("seconds"))))
                .append(" (JFR on). Samples: ")
                .append(Report.count(total))
                .append(" (")
                .append(Report.count(javaSamples))
                .append(" in Java code, ")
                .append(Report.count(nativeSamples))
                .append(" in native code, e.g. zstd-jni, file I/O; a thread sampled every 10 ms while running).")
                .append(" Garbage collections: ")
                .append(gcCount)
                .append(", pauses ")
                .append(Report.seconds(gcPauseSeconds))
                .append(" in total.\n\n");
        md.append(Report.table(
                List.of("phase (by the use-case frame on the stack)", "share of samples"), shares(phases, total)));
        md.append("\n");
        md.append(Report.table(
                List.of("activity (by the top-most recognised frame)", "share of samples"), shares(activities, total)));
        md.append("\n");
        List<Map.Entry<String, Integer>> hottest = new ArrayList<>(selfFrames.entrySet());
        hottest.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        List<List<String>> top = new ArrayList<>();
        for (Map.Entry<String, Integer> frame : hottest.subList(0, Math.min(15, hottest.size()))) {
            top.add(List.of("`" + frame.getKey() + "`", percent(frame.getValue(), total)));
        }
        md.append(Report.table(List.of("hottest frames (self, top of stack)", "share of samples"), top));
        return new Profile(
                title,
                outcome,
                md.toString(),
                fractions(phases, total),
                fractions(activities, total),
                parse(outcome.value("seconds")),
                gcPauseSeconds);
    }

    private static String classify(
            List<Map.Entry<String, Predicate<String>>> rules, List<String> frames, boolean topMost) {
        if (topMost) {
            for (String frame : frames) {
                for (Map.Entry<String, Predicate<String>> rule : rules.subList(0, rules.size() - 1)) {
                    if (rule.getValue().test(frame)) {
                        return rule.getKey();
                    }
                }
            }
            return rules.get(rules.size() - 1).getKey();
        }
        for (Map.Entry<String, Predicate<String>> rule : rules) {
            for (String frame : frames) {
                if (rule.getValue().test(frame)) {
                    return rule.getKey();
                }
            }
        }
        return rules.get(rules.size() - 1).getKey();
    }

    private static List<List<String>> shares(Map<String, Integer> counts, int total) {
        List<List<String>> rows = new ArrayList<>();
        counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> rows.add(List.of(e.getKey(), percent(e.getValue(), total))));
        return rows;
    }

    private static Map<String, Double> fractions(Map<String, Integer> counts, int total) {
        Map<String, Double> fractions = new LinkedHashMap<>();
        counts.forEach((k, v) -> fractions.put(k, total == 0 ? 0 : (double) v / total));
        return fractions;
    }

    private static String percent(int count, int total) {
        return total == 0 ? "n/a" : Report.number(100.0 * count / total, 1) + " %";
    }

    private static double parse(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
