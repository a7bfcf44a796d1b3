package io.feedstore.benchmarks;

import io.feedstore.domain.release.PressRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Case 5: bytes. The consolidated files of cases 1-3 against DuckDB's for the same input and settings, and the
 * day's consolidated file against the legacy layout (one snappy Parquet file per press release).
 */
final class CompressionCase {

    private static final long BLOCK = 4096;

    private CompressionCase() {}

    static Report.Section run(Bench bench) throws Exception {
        Bench.log("case 5 (compression)");
        List<List<String>> table = new ArrayList<>();
        List<Report.Row> rows = new ArrayList<>();
        for (ConsolidationCase.Outputs out : bench.outputs.values()) {
            long fs = Trees.size(out.feedstore());
            long duck = Trees.size(out.duckdb());
            table.add(List.of(
                    out.name(),
                    Report.count(out.input().distinct()),
                    Report.exactBytes(out.input().bytes()),
                    Report.exactBytes(fs),
                    Report.exactBytes(duck),
                    Report.ratio((double) fs / duck),
                    Report.ratio((double) out.input().bytes() / fs),
                    Report.number((double) fs / out.input().distinct(), 0)));
            rows.add(new Report.Row(
                    "5. Compression, " + out.name() + ": consolidated bytes",
                    Report.bytes(fs),
                    Report.bytes(duck),
                    Report.ratio((double) fs / duck),
                    "(see cases 2, 3)"));
        }
        StringBuilder md = new StringBuilder("### Case 5: Compression\n\n");
        if (table.isEmpty()) {
            md.append("Not measured: it uses the outputs of cases 1-3, which were not run.\n");
            return new Report.Section(rows, List.of(), md.toString());
        }
        md.append("Both engines write ZSTD level 9, row groups of 10,000 rows, from the same input files.\n\n");
        md.append(Report.table(
                List.of(
                        "partition",
                        "rows out",
                        "input (snappy batches)",
                        "feedstore consolidated",
                        "DuckDB consolidated",
                        "feedstore / DuckDB",
                        "batches / feedstore",
                        "feedstore bytes per row"),
                table));

        ConsolidationCase.Outputs day = bench.outputs.values().iterator().next();
        List<PressRelease> releases = bench.codec
                .decode(Files.readAllBytes(day.feedstore()))
                .getOrElseThrow(failure ->
                        new IllegalStateException("cannot read back " + day.feedstore() + ": " + failure.reason()));
        Path legacyDir = bench.dir("outputs/legacy-" + day.name().replaceAll("[^A-Za-z0-9]+", "-"));
        long legacy = bench.workload.writeLegacy(legacyDir, releases);
        long legacyBlocks = Trees.files(legacyDir, ".parquet").stream()
                .mapToLong(f -> (Trees.size(f) + BLOCK - 1) / BLOCK * BLOCK)
                .sum();
        long fs = Trees.size(day.feedstore());
        double legacyRatio = (double) legacy / fs;
        Trees.delete(legacyDir);
        rows.add(new Report.Row(
                "5. Compression, " + day.name() + ": legacy one-file-per-release bytes / consolidated",
                Report.bytes(fs),
                "legacy: " + Report.bytes(legacy),
                Report.ratio(legacyRatio) + " smaller",
                legacyRatio >= 3 ? "at least the design's 3-5×" : "below the design's 3-5×"));
        md.append("\nLegacy layout, for the ")
                .append(day.name())
                .append(" partition (")
                .append(releases.size())
                .append(" press releases, each in its own snappy Parquet file as the older pipeline wrote them): ")
                .append(Report.exactBytes(legacy))
                .append(" (")
                .append(Report.exactBytes(legacyBlocks))
                .append(" on a file system with 4 KiB blocks), against ")
                .append(Report.exactBytes(fs))
                .append(" consolidated: ")
                .append(Report.ratio(legacyRatio))
                .append(" smaller (")
                .append(Report.ratio((double) legacyBlocks / fs))
                .append(" counting 4 KiB blocks). The design expects")
                .append(" 3-5× overall. An average legacy file is ")
                .append(Report.exactBytes(legacy / Math.max(1, releases.size())))
                .append("; the consolidated file")
                .append(" spends ")
                .append(Report.exactBytes(fs / Math.max(1, releases.size())))
                .append(" per press release.\n");
        return new Report.Section(rows, List.of(), md.toString());
    }
}
