package io.feedstore.adapters.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** feedstore's files and DuckDB's understand each other, in both directions. */
class DuckDbInteropTest {

    private final ParquetRecordCodec codec = new ParquetRecordCodec();
    private Connection duckdb;

    @TempDir
    Path dir;

    @BeforeEach
    void openDuckDb() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void closeDuckDb() throws SQLException {
        duckdb.close();
    }

    @Test
    void duckDbReadsAConsolidatedFileAsTheSameRowsZstdInRowGroupsOfAtMost10000() throws Exception {
        List<PressRelease> records = new ArrayList<>(EncodingTest.releases(25_000));
        records.set(
                7,
                PressRelease.builder(PressReleaseId.of("unicode-😀"), Source.of("rss"), LocalDate.of(2025, 3, 1))
                        .title("Zürich — 日本語 𝄞 \u0000 end")
                        .companyName("")
                        .build());
        Path file = dir.resolve("consolidated.parquet");
        Files.write(file, codec.encode(records, EncodingOptions.CONSOLIDATED));

        assertThat(query("SELECT * FROM read_parquet('" + file + "')"))
                .isEqualTo(records.stream().map(DuckDbInteropTest::wireColumns).toList());
        assertThat(query("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
                .containsExactly(List.of("ZSTD"));
        List<List<Object>> rowGroups =
                query("SELECT row_group_id, any_value(row_group_num_rows) FROM parquet_metadata('" + file
                        + "') GROUP BY row_group_id ORDER BY row_group_id");
        assertThat(rowGroups)
                .extracting(group -> ((Number) group.get(1)).longValue())
                .containsExactly(10_000L, 10_000L, 5_000L);
        assertThat(query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('" + file + "'))"))
                .containsExactlyElementsOf(WireRecord.COLUMNS.stream()
                        .map(c -> List.<Object>of(c, c.endsWith("_version") ? "INTEGER" : "VARCHAR"))
                        .toList());
    }

    @Test
    void feedstoreReadsAFileDuckDbWroteWithInt32Versions() throws Exception {
        assertFeedstoreReadsWhatDuckDbWrote("INTEGER", "snappy");
    }

    @Test
    void feedstoreReadsAFileDuckDbWroteWithInt64Versions() throws Exception {
        assertFeedstoreReadsWhatDuckDbWrote("BIGINT", "zstd");
    }

    @Test
    void feedstoreReadsAFileDuckDbWroteWithoutReleaseTsUtcAndInAnotherColumnOrder() throws Exception {
        Path file = dir.resolve("legacy.parquet");
        execute("COPY (SELECT 'gmail' AS source, 'x-' || i AS press_release_id, i::BIGINT AS schema_version, "
                + "'2025-01-15' AS release_date, 'extra' AS unused FROM range(3) t(i)) TO '" + file
                + "' (FORMAT parquet)");

        List<PressRelease> decoded = codec.decode(Files.readAllBytes(file)).get();

        assertThat(decoded)
                .containsExactlyElementsOf(IntStream.range(0, 3)
                        .mapToObj(i -> PressRelease.builder(
                                        PressReleaseId.of("x-" + i), Source.of("gmail"), LocalDate.of(2025, 1, 15))
                                .schemaVersion(i)
                                .build())
                        .toList());
    }

    private void assertFeedstoreReadsWhatDuckDbWrote(String versionType, String compression) throws Exception {
        Path file = dir.resolve("duckdb-" + versionType + ".parquet");
        execute("COPY (SELECT 'pr-' || i AS press_release_id, "
                + "CASE WHEN i % 4 = 0 THEN NULL ELSE 'Company ' || (i % 7) END AS company_name, "
                + "'earnings' AS category, "
                + "strftime(DATE '2025-01-01' + (i % 28)::INTEGER, '%Y-%m-%d') AS release_date, "
                + "strftime(TIMESTAMP '2025-01-15 11:00:00' + to_seconds(i), '%Y-%m-%dT%H:%M:%SZ') AS release_ts_utc, "
                + "strftime(TIMESTAMP '2025-01-16 08:00:00' + to_seconds(i), '%Y-%m-%dT%H:%M:%S') || '+00:00' AS ingested_at, "
                + "'Title ' || i || ' — ünïcødé 📰' AS title, "
                + "repeat('body ', i % 50) AS full_text, "
                + "CASE WHEN i % 2 = 0 THEN 'gmail' ELSE 'rss' END AS source, "
                + "'https://example.com/' || i AS source_url, "
                + "(i % 5)::" + versionType + " AS parser_version, "
                + "CASE WHEN i % 3 = 0 THEN NULL ELSE 2::" + versionType + " END AS schema_version "
                + "FROM range(3000) t(i)) TO '" + file + "' (FORMAT parquet, COMPRESSION " + compression
                + ", ROW_GROUP_SIZE 1000)");

        List<PressRelease> decoded = codec.decode(Files.readAllBytes(file)).get();

        assertThat(decoded)
                .containsExactlyElementsOf(IntStream.range(0, 3000)
                        .mapToObj(i -> {
                            PressRelease.Builder b = PressRelease.builder(
                                            PressReleaseId.of("pr-" + i),
                                            Source.of(i % 2 == 0 ? "gmail" : "rss"),
                                            LocalDate.of(2025, 1, 1).plusDays(i % 28))
                                    .category("earnings")
                                    .releaseTimestamp(Instant.parse("2025-01-15T11:00:00Z")
                                            .plusSeconds(i))
                                    .ingestedAt(Instant.parse("2025-01-16T08:00:00Z")
                                            .plusSeconds(i))
                                    .title("Title " + i + " — ünïcødé 📰")
                                    .fullText("body ".repeat(i % 50))
                                    .sourceUrl("https://example.com/" + i)
                                    .parserVersion(i % 5);
                            if (i % 4 != 0) {
                                b.companyName("Company " + (i % 7));
                            }
                            if (i % 3 != 0) {
                                b.schemaVersion(2);
                            }
                            return b.build();
                        })
                        .toList());
    }

    /** A record as DuckDB shows it: the wire strings, and the versions as Integers. */
    private static List<Object> wireColumns(PressRelease record) {
        WireRecord wire = WireRecord.of(record);
        List<Object> columns = new ArrayList<>();
        WireRecord.columnGetters().forEach(getter -> {
            Object value = getter.apply(wire);
            columns.add(value instanceof Long l ? Integer.valueOf(Math.toIntExact(l)) : value);
        });
        return columns;
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int width = rows.getMetaData().getColumnCount();
            List<List<Object>> result = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            statement.execute(sql);
        }
    }
}
