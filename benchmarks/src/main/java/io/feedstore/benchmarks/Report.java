package io.feedstore.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pieces RESULTS.md is made of, and how figures are written. */
final class Report {

    private Report() {}

    /** A target and whether this run met it. */
    record Target(String what, String measured, boolean met) {}

    /** One line of the summary table. */
    record Row(String what, String feedstore, String duckdb, String ratio, String verdict) {}

    /** What a case contributes: summary lines, targets, and its section. */
    record Section(List<Row> rows, List<Target> targets, String markdown, java.util.Map<String, Double> metrics) {
        Section(List<Row> rows, List<Target> targets, String markdown) {
            this(rows, targets, markdown, java.util.Map.of());
        }
    }

    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "n/a";
        }
        if (s < 0.1) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1000);
        }
        if (s < 10) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    static String bytes(long b) {
        if (b < 10_000) {
            return String.format(Locale.ROOT, "%,d B", b);
        }
        if (b < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }

    static String exactBytes(long b) {
        return String.format(Locale.ROOT, "%,d B", b);
    }

    /** Two decimals, three near 1.0× so that a ratio just over a target does not read as meeting it. */
    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(r - 1) < 0.01 ? "%.3f×" : "%.2f×", r);
    }

    static String number(double n, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", n);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A long run's time: seconds below two minutes, minutes above ("12.5 min"). */
    static String minutes(double seconds) {
        return seconds < 120 ? seconds(seconds) : number(seconds / 60, 1) + " min";
    }

    static String verdict(boolean met) {
        return met ? "met" : "**NOT met**";
    }

    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.replace("|", "\\|").replace("\n", " ")));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }
}
