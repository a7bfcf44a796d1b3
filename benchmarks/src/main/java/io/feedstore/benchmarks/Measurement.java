package io.feedstore.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Times whole jobs: wall time and the process's CPU time (all threads, DuckDB's native ones included, so
 * CPU / wall says how many cores a job kept busy). feedstore's and DuckDB's runs alternate, so that a change in
 * the machine's load during a case hits both about equally.
 */
final class Measurement {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Measurement() {}

    /** One timed execution. */
    record Run(double seconds, double cpuSeconds) {
        double cores() {
            return seconds <= 0 ? 0 : cpuSeconds / seconds;
        }
    }

    /** The measured runs of one engine on one case (warm-ups excluded). */
    record Series(String engine, List<Run> runs) {
        double medianSeconds() {
            return median(runs.stream().map(Run::seconds).toList());
        }

        double medianCpuSeconds() {
            return median(runs.stream().map(Run::cpuSeconds).toList());
        }

        double medianCores() {
            return median(runs.stream().map(Run::cores).toList());
        }

        String allSeconds() {
            return String.join(
                    ", ", runs.stream().map(r -> Report.seconds(r.seconds())).toList());
        }
    }

    /**
     * One engine's job. {@link #prepare} and {@link #cleanUp} run outside the timed region (they restore the
     * input state, and check and remove the output); {@link #run} is what is timed.
     */
    interface Trial {
        default void prepare(int run) throws Exception {}

        void run(int run) throws Exception;

        /** Called after every run, warm-ups included; {@code last} is true after the last measured run. */
        default void cleanUp(int run, boolean last) throws Exception {}
    }

    /** The two series of one case. */
    record Pair(Series feedstore, Series duckdb) {
        double ratio() {
            return feedstore.medianSeconds() / duckdb.medianSeconds();
        }
    }

    /**
     * {@code warmups} untimed rounds of the warm-up trials (the real ones when null), then {@code runs} rounds,
     * each round running feedstore then DuckDB.
     */
    static Pair alternate(
            int warmups, int runs, Trial feedstore, Trial duckdb, Trial feedstoreWarmup, Trial duckdbWarmup)
            throws Exception {
        Trial warmFeedstore = feedstoreWarmup == null ? feedstore : feedstoreWarmup;
        Trial warmDuckdb = duckdbWarmup == null ? duckdb : duckdbWarmup;
        for (int i = 0; i < warmups; i++) {
            once(warmFeedstore, -1 - i, false);
            once(warmDuckdb, -1 - i, false);
        }
        List<Run> fs = new ArrayList<>();
        List<Run> dd = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            fs.add(once(feedstore, i, i == runs - 1));
            dd.add(once(duckdb, i, i == runs - 1));
        }
        return new Pair(new Series("feedstore", fs), new Series("DuckDB", dd));
    }

    /** {@code runs} timed runs of one trial after {@code warmups} untimed ones. */
    static Series repeat(String engine, int warmups, int runs, Trial trial) throws Exception {
        for (int i = 0; i < warmups; i++) {
            once(trial, -1 - i, false);
        }
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            measured.add(once(trial, i, i == runs - 1));
        }
        return new Series(engine, measured);
    }

    private static Run once(Trial trial, int run, boolean last) throws Exception {
        trial.prepare(run);
        // Garbage of the previous run (the other engine's included) is not this run's cost.
        System.gc();
        long cpu0 = OS.getProcessCpuTime() + childrenCpuNanos();
        long t0 = System.nanoTime();
        trial.run(run);
        long t1 = System.nanoTime();
        long cpu1 = OS.getProcessCpuTime() + childrenCpuNanos();
        trial.cleanUp(run, last);
        return new Run((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9);
    }

    /**
     * CPU time of this process's child processes that have ended and been waited for (user + system, from
     * /proc/self/stat), so that a job run as a child process is charged its own CPU; 0 where there is no /proc.
     */
    static long childrenCpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // The fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // cutime and cstime are fields 16 and 17 of the whole line: 14 and 15 after pid and name.
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            // Clock ticks, 100 a second on Linux.
            return ticks * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
