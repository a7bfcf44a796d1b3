package io.feedstore.benchmarks;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.application.BatchWriter;
import io.feedstore.application.BatchWriterSettings;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Case 6: records per second through the batch writer's {@code add()} (default batch size, snappy), from
 * records already in memory to batch files on disk. DuckDB has no direct peer (no buffered per-partition batch
 * writer); the nearest is its appender into a table followed by one {@code COPY ... PARTITION_BY (source,
 * release_date)}, which writes one file per partition, without fsync and without create-if-absent.
 */
final class BatchWriterCase {

    private static final String COLUMNS = "press_release_id VARCHAR, company_name VARCHAR, category VARCHAR,"
            + " release_date VARCHAR, release_ts_utc VARCHAR, ingested_at VARCHAR, title VARCHAR, full_text VARCHAR,"
            + " source VARCHAR, source_url VARCHAR, parser_version INTEGER, schema_version INTEGER";

    private BatchWriterCase() {}

    /** {@code count} partitions: the year's sources over consecutive days. */
    static List<Partition> partitions(int count) {
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Source source = Bench.YEAR_SOURCES.get(i % Bench.YEAR_SOURCES.size());
            partitions.add(new Partition(source, LocalDate.of(2025, 4, 1).plusDays(i / Bench.YEAR_SOURCES.size())));
        }
        return partitions;
    }

    static Report.Section run(Bench bench, int warmups, int runs) throws Exception {
        Sizes sizes = bench.options.sizes();
        Bench.log("case 6 (batch writer): generating " + Report.count(sizes.writerRecords()) + " records");
        List<PressRelease> records =
                bench.workload.writerRecords(sizes.writerRecords(), partitions(sizes.writerPartitions()));
        List<PressRelease> warm = records.subList(0, Math.max(1, records.size() / 10));
        Bench.log("case 6 (batch writer): " + warmups + " warm-up round(s) on 1/10 of the records, " + runs
                + " measured round(s)");
        FeedstoreTrial feedstore = new FeedstoreTrial(bench, records);
        DuckDbTrial duckdb = new DuckDbTrial(bench, records);
        Measurement.Pair pair = bench.watched(
                "case 6",
                () -> Measurement.alternate(
                        warmups,
                        runs,
                        feedstore,
                        duckdb,
                        new FeedstoreTrial(bench, warm),
                        new DuckDbTrial(bench, warm)));
        double fsRate = records.size() / pair.feedstore().medianSeconds();
        double duckRate = records.size() / pair.duckdb().medianSeconds();

        List<Report.Row> rows = List.of(new Report.Row(
                "6. Batch writer, " + Report.count(records.size()) + " records (no direct DuckDB peer)",
                Report.seconds(pair.feedstore().medianSeconds()) + " = " + Report.number(fsRate, 0) + " records/s",
                Report.seconds(pair.duckdb().medianSeconds()) + " = " + Report.number(duckRate, 0) + " records/s",
                Report.ratio(pair.ratio()),
                "(no target)"));
        StringBuilder md = new StringBuilder("### Case 6: Batch writer\n\n");
        md.append(Report.count(records.size()))
                .append(" records spread at random over ")
                .append(sizes.writerPartitions())
                .append(" partitions, already in memory, texts 0.5-4 KB. feedstore: ")
                .append("one thread calls `BatchWriter.add()` for each record, then `close()`; default settings (")
                .append(BatchWriterSettings.DEFAULT.batchSize())
                .append(" records per batch file, snappy), each batch ")
                .append("written create-if-absent and fsynced: ")
                .append(Report.count(feedstore.batches))
                .append(" batch files. DuckDB has **no direct peer**; the nearest is its appender into a table, then ")
                .append("`COPY ... TO dir (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (source, release_date),")
                .append(
                        " WRITE_PARTITION_COLUMNS true)`: one file per partition, no fsync, no create-if-absent, nothing")
                .append(
                        " on disk until the end. Read the ratio as an order of magnitude, not as a like-for-like race.\n\n");
        md.append(Report.table(
                List.of("engine", "median", "records/s", "runs", "CPU (median)", "cores busy"),
                List.of(
                        List.of(
                                "feedstore BatchWriter",
                                Report.seconds(pair.feedstore().medianSeconds()),
                                Report.number(fsRate, 0),
                                pair.feedstore().allSeconds(),
                                Report.seconds(pair.feedstore().medianCpuSeconds()),
                                Report.number(pair.feedstore().medianCores(), 2)),
                        List.of(
                                "DuckDB appender + COPY PARTITION_BY",
                                Report.seconds(pair.duckdb().medianSeconds()),
                                Report.number(duckRate, 0),
                                pair.duckdb().allSeconds(),
                                Report.seconds(pair.duckdb().medianCpuSeconds()),
                                Report.number(pair.duckdb().medianCores(), 2)))));
        md.append("\nRatio feedstore / DuckDB time: ")
                .append(Report.ratio(pair.ratio()))
                .append(".\n");
        return new Report.Section(rows, List.of(), md.toString());
    }

    private static void checkStored(Bench bench, Path dir, int expected, String engine) throws Exception {
        long rows = bench.duckdb.queryLong(
                "SELECT count(*) FROM read_parquet(" + DuckDb.literal(dir.resolve("**/*.parquet")) + ")");
        if (rows != expected) {
            throw new IllegalStateException(engine + " stored " + rows + " records, expected " + expected);
        }
    }

    private static final class FeedstoreTrial implements Measurement.Trial {
        private final Bench bench;
        private final List<PressRelease> records;
        private Path dir;
        private int batches;

        FeedstoreTrial(Bench bench, List<PressRelease> records) {
            this.bench = bench;
            this.records = records;
        }

        @Override
        public void prepare(int run) {
            dir = bench.dir("runs/case6-feedstore");
        }

        @Override
        public void run(int run) {
            try (BatchWriter writer = new BatchWriter(
                    new LocalFileSystemObjectStore(dir), bench.codec, BatchWriterSettings.DEFAULT, Clock.systemUTC())) {
                for (PressRelease record : records) {
                    writer.add(record);
                }
                writer.close();
                batches = writer.writtenBatches().size();
            }
        }

        @Override
        public void cleanUp(int run, boolean last) throws Exception {
            if (last) {
                checkStored(bench, dir, records.size(), "feedstore's batch writer");
            }
            Trees.delete(dir);
        }
    }

    private static final class DuckDbTrial implements Measurement.Trial {
        private final Bench bench;
        private final List<PressRelease> records;
        private Path dir;

        DuckDbTrial(Bench bench, List<PressRelease> records) {
            this.bench = bench;
            this.records = records;
        }

        @Override
        public void prepare(int run) throws Exception {
            dir = bench.dir("runs/case6-duckdb");
            Trees.delete(dir);
            bench.duckdb.execute("CREATE OR REPLACE TABLE incoming (" + COLUMNS + ")");
        }

        @Override
        public void run(int run) throws Exception {
            DuckDBConnection connection = bench.duckdb.connection().unwrap(DuckDBConnection.class);
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "incoming")) {
                for (PressRelease record : records) {
                    WireRecord wire = WireRecord.of(record);
                    appender.beginRow();
                    text(appender, wire.pressReleaseId());
                    text(appender, wire.companyName());
                    text(appender, wire.category());
                    text(appender, wire.releaseDate());
                    text(appender, wire.releaseTsUtc());
                    text(appender, wire.ingestedAt());
                    text(appender, wire.title());
                    text(appender, wire.fullText());
                    text(appender, wire.source());
                    text(appender, wire.sourceUrl());
                    integer(appender, wire.parserVersion());
                    integer(appender, wire.schemaVersion());
                    appender.endRow();
                }
            }
            bench.duckdb.execute("COPY incoming TO " + DuckDb.literal(dir) + " (FORMAT parquet, COMPRESSION snappy,"
                    + " PARTITION_BY (source, release_date), WRITE_PARTITION_COLUMNS true)");
        }

        @Override
        public void cleanUp(int run, boolean last) throws Exception {
            if (last) {
                checkStored(bench, dir, records.size(), "DuckDB");
            }
            bench.duckdb.execute("DROP TABLE incoming");
            Trees.delete(dir);
        }

        private static void text(DuckDBAppender appender, String value) throws java.sql.SQLException {
            if (value == null) {
                appender.appendNull();
            } else {
                appender.append(value);
            }
        }

        private static void integer(DuckDBAppender appender, Long value) throws java.sql.SQLException {
            if (value == null) {
                appender.appendNull();
            } else {
                appender.append(value.intValue());
            }
        }
    }
}
