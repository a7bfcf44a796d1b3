package io.feedstore.bootstrap.cli;

import io.feedstore.application.FindDateCorrections.DateCorrection;
import io.feedstore.domain.consolidation.AnomalyRule;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.StorageCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a consolidation run did, as text in the older pipeline's summary format (one block per source and date, then the
 * files and bytes before and after) or as a JSON document with the same figures.
 */
final class ConsolidationSummary {

    private final List<PartitionReport> reports;
    private final boolean dryRun;
    private final AnomalyRule anomalyRule;
    private final long temporariesRemoved;
    private final List<DateCorrection> corrections;

    ConsolidationSummary(List<PartitionReport> reports, boolean dryRun, AnomalyRule anomalyRule) {
        this(reports, dryRun, anomalyRule, 0, List.of());
    }

    /**
     * With the number of temporaries of killed runs that the store removed during this run, and the press releases
     * of these partitions that are also stored under another release date.
     */
    ConsolidationSummary(
            List<PartitionReport> reports,
            boolean dryRun,
            AnomalyRule anomalyRule,
            long temporariesRemoved,
            List<DateCorrection> corrections) {
        if (temporariesRemoved < 0) {
            throw new IllegalArgumentException("temporariesRemoved must be 0 or more, not " + temporariesRemoved);
        }
        this.reports = List.copyOf(reports);
        this.dryRun = dryRun;
        this.anomalyRule = Objects.requireNonNull(anomalyRule, "anomalyRule");
        this.temporariesRemoved = temporariesRemoved;
        this.corrections = List.copyOf(corrections);
    }

    boolean anyFailed() {
        return reports.stream().anyMatch(r -> r.status().isFailure());
    }

    String text() {
        StringBuilder s = new StringBuilder("=== Consolidation Summary ===\n");
        if (dryRun) {
            s.append("(dry run: nothing is written or deleted)\n");
        }
        if (reports.isEmpty()) {
            s.append("No partition needs consolidating.\n");
            return s.append(temporaries()).toString();
        }
        for (PartitionReport r : reports) {
            s.append(r.partition().source())
                    .append(' ')
                    .append(WireRecord.formatDate(r.partition().releaseDate()))
                    .append(":\n");
            s.append("  Batch count: ").append(r.batchFiles()).append('\n');
            if (r.legacyFiles() > 0 || r.hadConsolidated()) {
                s.append("  Other inputs: ").append(otherInputs(r)).append('\n');
            }
            s.append("  Total rows: ").append(r.inputRows()).append('\n');
            s.append("  Duplicates: ").append(r.duplicatesRemoved()).append('\n');
            s.append("  Final rows: ").append(r.finalRows()).append('\n');
            s.append("  Status: ").append(status(r)).append('\n');
            s.append("  Storage calls: ").append(calls(r.storageCalls())).append('\n');
        }
        Totals t = totals();
        s.append(dryRun ? "Would go from " : "Files: ")
                .append(count(t.filesBefore, "file"))
                .append(" (")
                .append(bytes(t.bytesBefore))
                .append(") → ")
                .append(count(t.filesAfter, "file"))
                .append(" (")
                .append(bytes(t.bytesAfter))
                .append(")")
                .append(ratio(t.bytesBefore, t.bytesAfter))
                .append('\n');
        s.append("Partitions: ")
                .append(reports.size())
                .append(", failed or conflicted: ")
                .append(t.failed)
                .append(", anomalies: ")
                .append(t.anomalies)
                .append('\n');
        s.append("Storage calls: ").append(calls(t.calls)).append('\n');
        if (!corrections.isEmpty()) {
            s.append("Stored under more than one release date (load answers with the version of the dates in its"
                            + " range): ")
                    .append(count(corrections.size(), "press release"))
                    .append('\n');
            for (DateCorrection c : corrections) {
                s.append("  ")
                        .append(c.source())
                        .append(' ')
                        .append(c.id())
                        .append(": ")
                        .append(String.join(
                                ", ",
                                c.dates().stream().map(WireRecord::formatDate).toList()))
                        .append('\n');
            }
        }
        return s.append(temporaries()).toString();
    }

    /** Shown only when there were any: left-overs of killed runs are the exception. */
    private String temporaries() {
        return temporariesRemoved == 0 ? "" : "Temporaries removed: " + temporariesRemoved + "\n";
    }

    String json() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dry_run", dryRun);
        document.put("min_rows", anomalyRule.minRows());
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (PartitionReport r : reports) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("source", r.partition().source().value());
            p.put("release_date", WireRecord.formatDate(r.partition().releaseDate()));
            p.put("status", r.status().name());
            p.put("batch_files", r.batchFiles());
            p.put("legacy_files", r.legacyFiles());
            p.put("had_consolidated", r.hadConsolidated());
            p.put("input_rows", r.inputRows());
            p.put("duplicates_removed", r.duplicatesRemoved());
            p.put("final_rows", r.finalRows());
            p.put("files_before", filesBefore(r));
            p.put("files_after", filesAfter(r));
            p.put("bytes_before", r.bytesBefore());
            p.put("bytes_after", bytesAfter(r));
            p.put("anomaly", r.anomaly());
            p.put("detail", r.detail().getOrNull());
            p.put("storage_calls", calls(r.storageCalls(), new LinkedHashMap<>()));
            partitions.add(p);
        }
        document.put("partitions", partitions);
        Totals t = totals();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("partitions", reports.size());
        totals.put("failed", t.failed);
        totals.put("anomalies", t.anomalies);
        totals.put("files_before", t.filesBefore);
        totals.put("files_after", t.filesAfter);
        totals.put("bytes_before", t.bytesBefore);
        totals.put("bytes_after", t.bytesAfter);
        totals.put(
                "input_rows",
                reports.stream().mapToLong(PartitionReport::inputRows).sum());
        totals.put(
                "duplicates_removed",
                reports.stream().mapToLong(PartitionReport::duplicatesRemoved).sum());
        totals.put(
                "final_rows",
                reports.stream().mapToLong(PartitionReport::finalRows).sum());
        totals.put("storage_calls", calls(t.calls, new LinkedHashMap<>()));
        totals.put("temporaries_removed", temporariesRemoved);
        document.put("totals", totals);
        List<Map<String, Object>> corrected = new ArrayList<>();
        for (DateCorrection c : corrections) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", c.source().value());
            entry.put("press_release_id", c.id().value());
            entry.put(
                    "release_dates",
                    c.dates().stream().map(WireRecord::formatDate).toList());
            corrected.add(entry);
        }
        document.put("stored_under_several_dates", corrected);
        try {
            return JacksonWriters.indentedJson(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String status(PartitionReport r) {
        String detail = r.detail().map(d -> " (" + d + ")").getOrElse("");
        String anomaly = r.anomaly()
                ? " ⚠ anomaly: " + count(r.finalRows(), "row") + ", fewer than " + anomalyRule.minRows()
                : "";
        return switch (r.status()) {
            case CONSOLIDATED -> "✓ Success" + detail + anomaly;
            case UNCHANGED -> "✓ Unchanged" + detail;
            case PLANNED -> "Dry run: " + r.detail().getOrElse("would consolidate") + anomaly;
            case CONFLICT -> "✗ Conflict" + detail;
            case FAILED -> "✗ Failed" + detail;
        };
    }

    /** Store calls as the summary prints them: what the run cost on a billed store such as GCS. */
    private static String calls(StorageCalls c) {
        return count(c.lists(), "list") + ", " + count(c.reads(), "read") + ", " + count(c.writes(), "write") + ", "
                + count(c.deletes(), "delete");
    }

    private static Map<String, Object> calls(StorageCalls c, Map<String, Object> into) {
        into.put("lists", c.lists());
        into.put("reads", c.reads());
        into.put("writes", c.writes());
        into.put("deletes", c.deletes());
        return into;
    }

    private static String otherInputs(PartitionReport r) {
        List<String> parts = new ArrayList<>();
        if (r.legacyFiles() > 0) {
            parts.add(r.legacyFiles() + " legacy " + (r.legacyFiles() == 1 ? "file" : "files"));
        }
        if (r.hadConsolidated()) {
            parts.add("the existing " + StoreLayout.CONSOLIDATED_NAME);
        }
        return String.join(", ", parts);
    }

    private static int filesBefore(PartitionReport r) {
        return r.batchFiles() + r.legacyFiles() + (r.hadConsolidated() ? 1 : 0);
    }

    /** A merge leaves (or would leave) one file; anything else leaves the partition as it was. */
    private static int filesAfter(PartitionReport r) {
        return merges(r) ? 1 : filesBefore(r);
    }

    private static long bytesAfter(PartitionReport r) {
        return merges(r) ? r.bytesAfter() : r.bytesBefore();
    }

    private static boolean merges(PartitionReport r) {
        return r.status() == PartitionStatus.CONSOLIDATED || r.status() == PartitionStatus.PLANNED;
    }

    private Totals totals() {
        Totals t = new Totals();
        for (PartitionReport r : reports) {
            t.filesBefore += filesBefore(r);
            t.filesAfter += filesAfter(r);
            t.bytesBefore += r.bytesBefore();
            t.bytesAfter += bytesAfter(r);
            t.failed += r.status().isFailure() ? 1 : 0;
            t.anomalies += r.anomaly() ? 1 : 0;
            t.calls = t.calls.plus(r.storageCalls());
        }
        return t;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
    }

    /** How much smaller (or, for tiny partitions, larger) the files became. */
    static String ratio(long before, long after) {
        if (after <= 0 || before <= 0) {
            return "";
        }
        return before >= after
                ? String.format(Locale.ROOT, ", %.1f× smaller", (double) before / after)
                : String.format(Locale.ROOT, ", %.1f× larger", (double) after / before);
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Sums over all partitions. */
    private static final class Totals {
        long filesBefore;
        long filesAfter;
        long bytesBefore;
        long bytesAfter;
        int failed;
        int anomalies;
        StorageCalls calls = StorageCalls.NONE;
    }
}
