package io.feedstore.adapters.parquet;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four layouts the older pipeline left in the silver table, each written with exactly the physical types its
 * writer used (parquet's low-level writer with an explicit schema), and the same shapes as DuckDB writes them:
 * every one is read with the right values.
 */
class LegacyLayoutsTest {

    private static final List<String> ELEVEN = List.of(
            "press_release_id",
            "company_name",
            "category",
            "release_date",
            "ingested_at",
            "title",
            "full_text",
            "source",
            "source_url",
            "parser_version",
            "schema_version");

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    @TempDir
    Path dir;

    @Test
    void aPolarsPartFileOfElevenColumnsWithInt64VersionsAndNaiveIngestedAtIsReadAsUtc() {
        MessageType schema = schema(ELEVEN, INT64, null);
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                schema,
                List.of(
                        gmailRow("18c1a2b3c4d5e6f7", "", "2025-08-18T09:12:44", 3L),
                        gmailRow("18c1a2b3c4d5e6f8", "Ærø Energi A/S", "2025-08-18T09:13:05.250", 3L)));

        List<PressRelease> read = codec.decode(file).get();

        assertThat(read).hasSize(2);
        assertThat(read.get(0).ingestedAt()).contains(Instant.parse("2025-08-18T09:12:44Z"));
        assertThat(WireRecord.of(read.get(0)).ingestedAt()).isEqualTo("2025-08-18T09:12:44+00:00");
        assertThat(read.get(0).companyName()).contains("");
        assertThat(read.get(0).releaseTimestamp()).isEmpty();
        assertThat(read.get(0).parserVersion()).contains(3);
        assertThat(read.get(1).companyName()).contains("Ærø Energi A/S");
        assertThat(WireRecord.of(read.get(1)).ingestedAt()).isEqualTo("2025-08-18T09:13:05.25+00:00");
    }

    @Test
    void aOneRowMsgIdFileIsReadWithInt64AndWithInt32Versions() {
        for (PrimitiveTypeName versions : List.of(INT64, INT32)) {
            Object version = versions == INT64 ? (Object) 2L : (Object) 2;
            Map<String, Object> row = gmailRow("18c1a2b3c4d5e6f9", "Åsa Lindqvist AB", "2025-08-19T07:00:01+00:00", 2L);
            row.put("parser_version", version);
            row.put("schema_version", version);
            byte[] file = ParquetFiles.writtenByParquetExampleWriter(schema(ELEVEN, versions, null), List.of(row));

            PressRelease read = codec.decode(file).get().get(0);

            assertThat(read.id()).isEqualTo(PressReleaseId.of("18c1a2b3c4d5e6f9"));
            assertThat(read.parserVersion()).contains(2);
            assertThat(read.schemaVersion()).contains(2);
            assertThat(read.title()).contains("Jyväskylä – “uusi” tehdas 🏭");
        }
    }

    @Test
    void aOneRowFileOfTheTwelveColumnsKeepsTheSourcePrefixOfAnRssIdWhateverItsFileName() {
        List<String> twelve = new ArrayList<>(WireRecord.COLUMNS);
        Map<String, Object> row = gmailRow("rss__9f86d081884c7d65", "", "2025-08-20T10:00:00+00:00", 1L);
        row.put("source", "rss");
        row.put("release_ts_utc", "2025-08-20T08:30:00Z");
        row.put("parser_version", 1);
        row.put("schema_version", 1);
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(schema(twelve, INT32, null), List.of(row));

        PressRelease read = codec.decode(file).get().get(0);

        assertThat(read.id().value()).isEqualTo("rss__9f86d081884c7d65");
        assertThat(read.source()).isEqualTo(Source.of("rss"));
        assertThat(read.releaseTimestamp()).contains(Instant.parse("2025-08-20T08:30:00Z"));
    }

    @Test
    void aPandasFileWithANullOnlyReleaseTsUtcOfAnyTypeAndAnIndexColumnIsRead() {
        for (PrimitiveTypeName nullType : List.of(INT32, INT64, PrimitiveTypeName.DOUBLE, PrimitiveTypeName.BOOLEAN)) {
            List<String> twelve = new ArrayList<>(WireRecord.COLUMNS);
            twelve.add("__index_level_0__");
            Map<String, Object> row =
                    gmailRow("18c1a2b3c4d5e700", "Jyväskylän Energia Oy", "2025-08-21T06:00:00+00:00", 4L);
            row.put("__index_level_0__", 0L);
            byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                    schema(twelve, INT64, nullType), List.of(row, withId(row, "18c1a2b3c4d5e701", 1L)));

            List<PressRelease> read = codec.decode(file).get();

            assertThat(read).extracting(r -> r.id().value()).containsExactly("18c1a2b3c4d5e700", "18c1a2b3c4d5e701");
            assertThat(read).allSatisfy(r -> assertThat(r.releaseTimestamp()).isEmpty());
            assertThat(read.get(0).parserVersion()).contains(4);
        }
    }

    @Test
    void aReleaseTsUtcOfAnotherTypeThatHoldsAValueIsRejectedNamingTheColumnAndTheRule() {
        List<String> twelve = new ArrayList<>(WireRecord.COLUMNS);
        Map<String, Object> row = gmailRow("18c1a2b3c4d5e702", "", "2025-08-21T06:00:00+00:00", 4L);
        row.put("release_ts_utc", 1_755_756_000L);
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(schema(twelve, INT64, INT64), List.of(row));

        assertThat(codec.decode(file).getLeft().reason())
                .contains("row 1")
                .contains("release_ts_utc")
                .contains("INT64")
                .contains("null");
    }

    @Test
    void rowsWithoutADateOrAValidSourceAreHandedOverAsTheirColumnsHoldThem() {
        Map<String, Object> noDate = gmailRow("18c1a2b3c4d5e703", "", "2025-08-18T09:12:44", 3L);
        noDate.remove("release_date");
        Map<String, Object> badSource = withId(noDate, "18c1a2b3c4d5e704", 3L);
        badSource.put("source", "../gmail");
        byte[] file =
                ParquetFiles.writtenByParquetExampleWriter(schema(ELEVEN, INT64, null), List.of(noDate, badSource));
        List<WireRecord> rows = new ArrayList<>();

        assertThat(codec.decodeWire(content(file), rows::add).get()).isEqualTo(2L);

        assertThat(rows).extracting(WireRecord::releaseDate).containsExactly(null, null);
        assertThat(rows).extracting(WireRecord::source).containsExactly("gmail", "../gmail");
        assertThat(rows.get(0).ingestedAt()).isEqualTo("2025-08-18T09:12:44");
        assertThat(codec.decode(file).isLeft()).isTrue();
    }

    @Test
    void duckDbFilesInTheFourShapesAreReadWithTheRightValues() throws Exception {
        String strings = "'18c1a2b3c4d5e6f7' AS press_release_id, '' AS company_name, 'Pörssitiedote' AS category,"
                + " '2025-08-18' AS release_date,";
        String rest = " '2025-08-18T09:12:44' AS ingested_at, 'Ærø – “ny” færge ⛴' AS title,"
                + " 'Åsa Lindqvist säger – “vi växer” 日本' AS full_text, 'gmail' AS source,"
                + " 'https://example.se/å' AS source_url";
        Map<String, String> shapes = Map.of(
                "part", "SELECT " + strings + rest + ", 3::BIGINT AS parser_version, 2::BIGINT AS schema_version",
                "msgid", "SELECT " + strings + rest + ", 3::INTEGER AS parser_version, 2::INTEGER AS schema_version",
                "source",
                        "SELECT " + strings + " NULL::VARCHAR AS release_ts_utc," + rest
                                + ", 3::INTEGER AS parser_version, 2::INTEGER AS schema_version",
                "pandas",
                        "SELECT " + strings + " NULL AS release_ts_utc," + rest
                                + ", 3::BIGINT AS parser_version, 2::BIGINT AS schema_version, 0::BIGINT AS __index_level_0__");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (Map.Entry<String, String> shape : shapes.entrySet()) {
                Path file = dir.resolve(shape.getKey() + ".parquet");
                statement.execute("COPY (" + shape.getValue() + ") TO '" + file + "' (FORMAT PARQUET)");

                List<PressRelease> read = codec.decode(Files.readAllBytes(file)).get();

                assertThat(read)
                        .as(shape.getKey())
                        .containsExactly(PressRelease.builder(
                                        PressReleaseId.of("18c1a2b3c4d5e6f7"),
                                        Source.of("gmail"),
                                        LocalDate.of(2025, 8, 18))
                                .companyName("")
                                .category("Pörssitiedote")
                                .ingestedAt(Instant.parse("2025-08-18T09:12:44Z"))
                                .title("Ærø – “ny” færge ⛴")
                                .fullText("Åsa Lindqvist säger – “vi växer” 日本")
                                .sourceUrl("https://example.se/å")
                                .parserVersion(3)
                                .schemaVersion(2)
                                .build());
            }
        }
    }

    /** Strings as BINARY with the STRING annotation, versions of {@code versions}, release_ts_utc of {@code nullType}. */
    private static MessageType schema(List<String> columns, PrimitiveTypeName versions, PrimitiveTypeName nullType) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (String name : columns) {
            if (name.equals("parser_version") || name.equals("schema_version")) {
                message.optional(versions).named(name);
            } else if (name.equals("__index_level_0__")) {
                message.optional(INT64).named(name);
            } else if (name.equals("release_ts_utc") && nullType != null) {
                message.optional(nullType)
                        .as(nullType == INT32 ? LogicalTypeAnnotation.unknownType() : null)
                        .named(name);
            } else {
                message.optional(BINARY).as(stringType()).named(name);
            }
        }
        return message.named("schema");
    }

    private static Map<String, Object> gmailRow(String id, String company, String ingestedAt, long version) {
        Map<String, Object> row = new HashMap<>();
        row.put("press_release_id", id);
        row.put("company_name", company);
        row.put("category", "Pressmeddelande");
        row.put("release_date", "2025-08-18");
        row.put("ingested_at", ingestedAt);
        row.put("title", "Jyväskylä – “uusi” tehdas 🏭");
        row.put("full_text", "Åsa Lindqvist: “Vi bygger i Jyväskylä” – 北欧");
        row.put("source", "gmail");
        row.put("source_url", "https://mail.example/" + id);
        row.put("parser_version", version);
        row.put("schema_version", version);
        return row;
    }

    private static Map<String, Object> withId(Map<String, Object> row, String id, long index) {
        Map<String, Object> copy = new HashMap<>(row);
        copy.put("press_release_id", id);
        if (copy.containsKey("__index_level_0__")) {
            copy.put("__index_level_0__", index);
        }
        return copy;
    }

    private static ObjectContent content(byte[] file) {
        return ObjectContent.of(
                new StoredObject(ObjectKey.of("t/release_date=2025-08-18/part.parquet"), Generation.of(1), file));
    }
}
