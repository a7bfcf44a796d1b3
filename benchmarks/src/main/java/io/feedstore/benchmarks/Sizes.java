package io.feedstore.benchmarks;

import java.util.Locale;

/** How much data each case generates: the full sizes, or a fraction of them, or a tiny set for the smoke test. */
record Sizes(
        String name,
        int dayRows,
        int dayBatches,
        int busyRows,
        int busyBatches,
        int bigRows,
        int bigBatches,
        int yearSources,
        int yearDays,
        int yearRowsPerDay,
        int todayRows,
        int todayBatches,
        int writerRecords,
        int writerPartitions,
        int monthDays,
        int monthRowsPerDay,
        int emailMessages,
        int bronzeLocalDays,
        int bronzeGcsDays) {

    static final double DAY_DUPLICATES = 0.05;
    static final double BUSY_DUPLICATES = 0.10;
    static final double BIG_DUPLICATES = 0.10;

    /** The full sizes: a day, a busy and a big partition, a year, as the design note sizes them. */
    static Sizes full() {
        return new Sizes(
                "full", 300, 15, 100_000, 100, 1_000_000, 1_000, 3, 365, 300, 300, 15, 1_000_000, 30, 30, 300, 10_000,
                365, 30);
    }

    /** The full sizes times {@code f} for the large cases (busy, big, year, batch writer); the day stays a day. */
    static Sizes scaled(double f) {
        if (f == 1.0) {
            return full();
        }
        return new Sizes(
                String.format(Locale.ROOT, "scaled ×%s (large cases only)", f),
                300,
                15,
                atLeast(100_000 * f, 100),
                atLeast(100 * f, 2),
                atLeast(1_000_000 * f, 100),
                atLeast(1_000 * f, 2),
                3,
                atLeast(365 * f, 2),
                300,
                300,
                15,
                atLeast(1_000_000 * f, 1_000),
                30,
                atLeast(30 * f, 3),
                300,
                atLeast(10_000 * f, 100),
                atLeast(91 * f, 3),
                atLeast(30 * f, 2));
    }

    /** A few seconds' worth, to prove the harness works. */
    static Sizes tiny() {
        return new Sizes("tiny (smoke test)", 50, 5, 200, 4, 400, 8, 2, 3, 20, 20, 2, 300, 3, 3, 20, 60, 3, 2);
    }

    private static int atLeast(double value, int minimum) {
        return Math.max(minimum, (int) Math.round(value));
    }
}
