package io.feedstore.benchmarks;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Case 4: a year of consolidated partitions plus today's batches, every press release once in its newest
 * version. feedstore's loader returns typed records; DuckDB's peer is the hive-partitioned read_parquet with the
 * same QUALIFY, fetched into Java through JDBC (what a Java caller gets), and also materialised inside DuckDB only
 * (its floor: no transfer to Java at all).
 */
final class YearLoadCase {

    private YearLoadCase() {}

    static String duckdbSelect(Workload.YearInput year) {
        Path glob = year.root().resolve("silver_normalized/table=press_releases/*/*/*.parquet");
        return "SELECT * FROM read_parquet(" + DuckDb.literal(glob) + ", hive_partitioning=true) "
                + DuckDb.NEWEST_PER_ID;
    }

    static Report.Section run(Bench bench, int warmups, int runs) throws Exception {
        Workload.YearInput year = bench.year();
        Bench.log("case 4 (year load): " + warmups + " warm-up round(s), " + runs + " measured round(s)");
        String select = duckdbSelect(year);
        String ordered = select + " ORDER BY release_date, source, press_release_id";

        Measurement.Trial feedstore = new Measurement.Trial() {
            private List<PressRelease> loaded;

            @Override
            public void run(int run) {
                loaded = new LoadPressReleases(new LocalFileSystemObjectStore(year.root()), bench.codec)
                        .load(year.from(), year.to(), Option.none());
            }

            @Override
            public void cleanUp(int run, boolean last) {
                check("feedstore's loader", loaded.size(), year);
                loaded = null;
            }
        };
        Measurement.Trial duckdbJdbc = new Measurement.Trial() {
            private List<WireRecord> loaded;

            @Override
            public void run(int run) throws Exception {
                loaded = new ArrayList<>();
                try (Statement statement = bench.duckdb.connection().createStatement();
                        ResultSet rows = statement.executeQuery(ordered)) {
                    int[] c = new int[WireRecord.COLUMNS.size()];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = rows.findColumn(WireRecord.COLUMNS.get(i));
                    }
                    while (rows.next()) {
                        loaded.add(new WireRecord(
                                rows.getString(c[0]),
                                rows.getString(c[1]),
                                rows.getString(c[2]),
                                rows.getString(c[3]),
                                rows.getString(c[4]),
                                rows.getString(c[5]),
                                rows.getString(c[6]),
                                rows.getString(c[7]),
                                rows.getString(c[8]),
                                rows.getString(c[9]),
                                longOrNull(rows, c[10]),
                                longOrNull(rows, c[11])));
                    }
                }
            }

            @Override
            public void cleanUp(int run, boolean last) {
                check("DuckDB (JDBC)", loaded.size(), year);
                loaded = null;
            }
        };
        Measurement.Trial duckdbInside = new Measurement.Trial() {
            @Override
            public void run(int run) throws Exception {
                bench.duckdb.execute("CREATE OR REPLACE TEMP TABLE loaded AS " + ordered);
            }

            @Override
            public void cleanUp(int run, boolean last) throws Exception {
                check("DuckDB (inside)", bench.duckdb.queryLong("SELECT count(*) FROM loaded"), year);
                bench.duckdb.execute("DROP TABLE loaded");
            }
        };

        Measurement.Pair pair = Measurement.alternate(warmups, runs, feedstore, duckdbJdbc, null, null);
        Measurement.Series inside = Measurement.repeat("DuckDB, inside DuckDB only", warmups, runs, duckdbInside);
        double ratio = pair.ratio();
        double insideRatio = pair.feedstore().medianSeconds() / inside.medianSeconds();

        List<Report.Row> rows = List.of(
                new Report.Row(
                        "4. Year load (into Java objects)",
                        Report.seconds(pair.feedstore().medianSeconds()),
                        Report.seconds(pair.duckdb().medianSeconds()),
                        Report.ratio(ratio),
                        Report.verdict(ratio <= 1.0)),
                new Report.Row(
                        "4. Year load vs DuckDB without transfer to Java",
                        "(same)",
                        Report.seconds(inside.medianSeconds()),
                        Report.ratio(insideRatio),
                        "(for reference)"));
        List<Report.Target> targets = List.of(new Report.Target(
                "Case 4 (year load): load time ≤ 1.0× DuckDB (fetched into Java through JDBC)",
                Report.ratio(ratio),
                ratio <= 1.0));

        StringBuilder md = new StringBuilder("### Case 4: Year load\n\n");
        md.append("Store: ")
                .append(year.sources().size())
                .append(" sources × ")
                .append(java.time.temporal.ChronoUnit.DAYS.between(year.from(), year.to()))
                .append(" days of consolidated partitions (")
                .append(bench.options.sizes().yearRowsPerDay())
                .append(" rows each, ZSTD 9) plus today's batches: ")
                .append(Report.count(year.files()))
                .append(" files, ")
                .append(Report.bytes(year.bytes()))
                .append(", ")
                .append(Report.count(year.rows()))
                .append(" rows, ")
                .append(Report.count(year.distinct()))
                .append(" distinct ids. Every engine returns each id once.\n\n");
        md.append("DuckDB's query: `")
                .append(ordered.replace(year.root().toString(), "<store>"))
                .append("`\n\n");
        md.append(Report.table(
                List.of("engine", "median", "runs", "CPU (median)", "cores busy"),
                List.of(
                        seriesRow("feedstore `LoadPressReleases.load` → `List<PressRelease>`", pair.feedstore()),
                        seriesRow("DuckDB, JDBC fetch → `List<WireRecord>`", pair.duckdb()),
                        seriesRow("DuckDB, `CREATE TEMP TABLE AS` (no transfer to Java)", inside))));
        md.append("\nRatio feedstore / DuckDB: ")
                .append(Report.ratio(ratio))
                .append(" against the JDBC fetch (the")
                .append(" target's yardstick: both end with the rows in Java), ")
                .append(Report.ratio(insideRatio))
                .append(" against DuckDB materialising inside itself.\n");
        return new Report.Section(rows, targets, md.toString());
    }

    static List<String> seriesRow(String engine, Measurement.Series series) {
        return List.of(
                engine,
                Report.seconds(series.medianSeconds()),
                series.allSeconds(),
                Report.seconds(series.medianCpuSeconds()),
                Report.number(series.medianCores(), 2));
    }

    private static void check(String engine, long rows, Workload.YearInput year) {
        if (rows != year.distinct()) {
            throw new IllegalStateException(
                    engine + " returned " + rows + " press releases, expected " + year.distinct());
        }
    }

    private static Long longOrNull(ResultSet rows, int column) throws java.sql.SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
