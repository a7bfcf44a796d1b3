package io.feedstore.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The peer: an in-process DuckDB (duckdb_jdbc) and the SQL a user would write instead of running feedstore. */
final class DuckDb implements AutoCloseable {

    /** The design's deduplication, verbatim: the newest ingested_at per id. */
    static final String NEWEST_PER_ID =
            "QUALIFY row_number() OVER (PARTITION BY press_release_id ORDER BY ingested_at DESC) = 1";

    /** feedstore's consolidated settings: ZSTD level 9, row groups of 10,000 rows. */
    static final String CONSOLIDATED_OPTIONS =
            "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 9, ROW_GROUP_SIZE 10000";

    private final Connection connection;

    DuckDb() throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    Connection connection() {
        return connection;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    List<String> queryRow(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
            }
            return values;
        }
    }

    /**
     * The design's one-liner: consolidate {@code inputs} into {@code output}. With one addition:
     * {@code hive_partitioning=false}. By default DuckDB sees {@code key=value} folders in the paths and adds them
     * as columns, so the one-liner as written would add a {@code table} column and turn {@code release_date} into
     * a DATE: a file with another schema than the production one.
     */
    static String consolidate(List<Path> inputs, Path output) {
        return "COPY (SELECT * FROM read_parquet(" + list(inputs) + ", hive_partitioning=false) " + NEWEST_PER_ID
                + ") TO " + literal(output) + " (" + CONSOLIDATED_OPTIONS + ")";
    }

    /** Number of rows in one file and not in the other, both ways; 0 when both hold the same rows. */
    long rowsDiffering(Path a, Path b) throws SQLException {
        String x = "SELECT * FROM read_parquet(" + literal(a) + ")";
        String y = "SELECT * FROM read_parquet(" + literal(b) + ")";
        return queryLong("SELECT (SELECT count(*) FROM (" + x + " EXCEPT ALL " + y + ")) + (SELECT count(*) FROM (" + y
                + " EXCEPT ALL " + x + "))");
    }

    /** Row groups, the largest row group, and the codecs of a Parquet file, as DuckDB reads its metadata. */
    String layout(Path file) throws SQLException {
        List<String> row = queryRow("SELECT count(DISTINCT row_group_id), max(row_group_num_rows),"
                + " string_agg(DISTINCT compression, '/') FROM parquet_metadata(" + literal(file) + ")");
        return row.get(0) + " row groups of at most " + row.get(1) + " rows, " + row.get(2);
    }

    /** A column chunk summary: compressed bytes over all row groups, and the encodings used. */
    record ColumnBytes(long compressed, long uncompressed, String encodings) {}

    /** Per column, in schema order: how many bytes it takes in a Parquet file, as DuckDB reads the metadata. */
    java.util.Map<String, ColumnBytes> columnBytes(Path file) throws SQLException {
        java.util.Map<String, ColumnBytes> columns = new java.util.LinkedHashMap<>();
        String sql = "SELECT path_in_schema, sum(total_compressed_size), sum(total_uncompressed_size),"
                + " string_agg(DISTINCT encodings, ' / ') FROM parquet_metadata(" + literal(file) + ")"
                + " GROUP BY path_in_schema ORDER BY min(column_id)";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                columns.put(rows.getString(1), new ColumnBytes(rows.getLong(2), rows.getLong(3), rows.getString(4)));
            }
        }
        return columns;
    }

    static String list(List<Path> files) {
        return files.stream().map(DuckDb::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
