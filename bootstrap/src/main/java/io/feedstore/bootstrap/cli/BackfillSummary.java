package io.feedstore.bootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.feedstore.application.BackfillReport;
import io.feedstore.application.BackfillReport.DateReport;
import io.feedstore.application.BackfillReport.FileReport;
import io.feedstore.application.BackfillReport.FileStatus;
import io.feedstore.application.BackfillReport.SourceLine;
import io.feedstore.application.RunMode;
import io.feedstore.domain.release.WireRecord;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a backfill did, as text (per date and source, as {@code consolidate} prints a partition, then the files
 * kept and the totals with the compression ratio) or as a JSON document with the same figures.
 */
final class BackfillSummary {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BackfillReport report;

    BackfillSummary(BackfillReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    boolean anyFailed() {
        return report.anyFailed();
    }

    String text() {
        StringBuilder s = new StringBuilder("=== Backfill Summary ===\n");
        if (report.mode() == RunMode.DRY_RUN) {
            s.append("(dry run: nothing is written or deleted)\n");
        }
        s.append("Run ")
                .append(report.run())
                .append(", shard ")
                .append(report.shard())
                .append(", migration record ")
                .append(report.record().value())
                .append('\n');
        if (report.dates().isEmpty()) {
            return s.append("Nothing to migrate: no flat folder and no partition with one-row legacy files.\n")
                    .toString();
        }
        for (DateReport date : report.dates()) {
            s.append(WireRecord.formatDate(date.date()))
                    .append(": ")
                    .append(date.status())
                    .append(date.detail().map(d -> " (" + d + ")").getOrElse(""))
                    .append('\n');
            for (SourceLine line : date.bySource().values()) {
                s.append("  ")
                        .append(line.source())
                        .append(": files ")
                        .append(line.filesBefore())
                        .append(" -> ")
                        .append(line.filesAfter())
                        .append(", ")
                        .append(ConsolidationSummary.bytes(line.bytesBefore()))
                        .append(" -> ")
                        .append(ConsolidationSummary.bytes(line.bytesAfter()))
                        .append(", ")
                        .append(ConsolidationSummary.count(line.rows(), "row"))
                        .append(", ")
                        .append(line.duplicatesRemoved())
                        .append(" duplicates removed, ")
                        .append(line.status())
                        .append('\n');
            }
            for (FileReport file : date.files()) {
                if (file.status() != FileStatus.RETIRED && file.status() != FileStatus.PLANNED) {
                    s.append("  ")
                            .append(file.status())
                            .append(' ')
                            .append(file.key().value())
                            .append(file.detail().map(d -> ": " + d).getOrElse(""))
                            .append('\n');
                }
            }
        }
        Totals t = totals();
        s.append("Total: ")
                .append(ConsolidationSummary.count(report.dates().size(), "date"))
                .append(" (")
                .append(t.failedDates)
                .append(" failed), flat files ")
                .append(t.flatFiles)
                .append(" (")
                .append(t.retired)
                .append(report.mode() == RunMode.DRY_RUN ? " to retire" : " retired")
                .append(", ")
                .append(t.kept)
                .append(" kept), files ")
                .append(t.filesBefore)
                .append(" -> ")
                .append(t.filesAfter)
                .append(", ")
                .append(ConsolidationSummary.bytes(t.bytesBefore))
                .append(" -> ")
                .append(ConsolidationSummary.bytes(t.bytesAfter))
                .append(ConsolidationSummary.ratio(t.bytesBefore, t.bytesAfter))
                .append(", ")
                .append(ConsolidationSummary.count(t.rows, "row"))
                .append(", ")
                .append(t.duplicates)
                .append(" duplicates removed\n");
        return s.toString();
    }

    String json() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("run", report.run());
        document.put("shard", report.shard().toString());
        document.put("dry_run", report.mode() == RunMode.DRY_RUN);
        document.put("record", report.record().value());
        List<Map<String, Object>> dates = new ArrayList<>();
        for (DateReport date : report.dates()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("release_date", WireRecord.formatDate(date.date()));
            d.put("status", date.status().name());
            date.detail().forEach(detail -> d.put("detail", detail));
            List<Map<String, Object>> sources = new ArrayList<>();
            for (SourceLine line : date.bySource().values()) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("source", line.source().value());
                l.put("files_before", line.filesBefore());
                l.put("files_after", line.filesAfter());
                l.put("bytes_before", line.bytesBefore());
                l.put("bytes_after", line.bytesAfter());
                l.put("rows", line.rows());
                l.put("duplicates", line.duplicatesRemoved());
                l.put("status", line.status());
                sources.add(l);
            }
            d.put("sources", sources);
            List<Map<String, Object>> files = new ArrayList<>();
            for (FileReport file : date.files()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("file", file.key().value());
                f.put("bytes", file.bytes());
                f.put("rows", file.rows());
                f.put("unplaceable_rows", file.unplaceable());
                f.put("status", file.status().name());
                file.detail().forEach(detail -> f.put("detail", detail));
                files.add(f);
            }
            d.put("files", files);
            dates.add(d);
        }
        document.put("dates", dates);
        Totals t = totals();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("dates", report.dates().size());
        totals.put("failed_dates", t.failedDates);
        totals.put("flat_files", t.flatFiles);
        totals.put("retired", t.retired);
        totals.put("kept", t.kept);
        totals.put("files_before", t.filesBefore);
        totals.put("files_after", t.filesAfter);
        totals.put("bytes_before", t.bytesBefore);
        totals.put("bytes_after", t.bytesAfter);
        totals.put(
                "compression_ratio",
                t.bytesAfter > 0 ? Math.round(100.0 * t.bytesBefore / t.bytesAfter) / 100.0 : null);
        totals.put("rows", t.rows);
        totals.put("duplicates", t.duplicates);
        document.put("totals", totals);
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Totals totals() {
        Totals t = new Totals();
        for (DateReport date : report.dates()) {
            if (date.status() == BackfillReport.DateStatus.FAILED) {
                t.failedDates++;
            }
            for (FileReport file : date.files()) {
                t.flatFiles++;
                if (file.status() == FileStatus.RETIRED || file.status() == FileStatus.PLANNED) {
                    t.retired++;
                } else {
                    t.kept++;
                }
            }
            for (SourceLine line : date.bySource().values()) {
                t.filesBefore += line.filesBefore();
                t.filesAfter += line.filesAfter();
                t.bytesBefore += line.bytesBefore();
                t.bytesAfter += line.bytesAfter();
                t.rows += line.rows();
                t.duplicates += line.duplicatesRemoved();
            }
        }
        return t;
    }

    private static final class Totals {
        long failedDates;
        long flatFiles;
        long retired;
        long kept;
        long filesBefore;
        long filesAfter;
        long bytesBefore;
        long bytesAfter;
        long rows;
        long duplicates;
    }
}
