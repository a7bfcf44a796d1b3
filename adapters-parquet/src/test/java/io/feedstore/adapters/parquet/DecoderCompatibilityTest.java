package io.feedstore.adapters.parquet;

import static io.feedstore.adapters.parquet.ParquetFiles.keyColumns;
import static io.feedstore.adapters.parquet.ParquetFiles.keyedRow;
import static io.feedstore.adapters.parquet.ParquetFiles.productionSchemaWithout;
import static io.feedstore.adapters.parquet.ParquetFiles.row;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Either;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/**
 * Files from other writers (here parquet's own example writer) are read by column name: other orders, other
 * integer widths, missing optional columns, extra columns, REQUIRED columns and unannotated strings.
 */
class DecoderCompatibilityTest {

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    @Test
    void versionColumnsWrittenAsInt64AreRead() {
        MessageType schema = keyColumns()
                .optional(INT64)
                .named("parser_version")
                .optional(INT64)
                .named("schema_version")
                .named("legacy");
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                schema,
                List.of(
                        keyedRow("a", "2025-01-15", "gmail", "parser_version", 3L, "schema_version", 2L),
                        keyedRow("b", "2025-01-15", "gmail")));

        assertThat(codec.decode(file).get())
                .containsExactly(
                        minimal("a", "gmail", "2025-01-15")
                                .parserVersion(3)
                                .schemaVersion(2)
                                .build(),
                        minimal("b", "gmail", "2025-01-15").build());
    }

    @Test
    void anInt64VersionBeyondInt32IsRejectedNamingTheRowAndTheRule() {
        MessageType schema =
                keyColumns().optional(INT64).named("parser_version").named("legacy");
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                schema,
                List.of(
                        keyedRow("a", "2025-01-15", "gmail", "parser_version", 1L),
                        keyedRow("b", "2025-01-15", "gmail", "parser_version", 1L << 40)));

        assertThat(failure(file)).contains("row 2").contains("parser_version").contains("32-bit");
    }

    @Test
    void aFileWithoutReleaseTsUtcReadsItAsMissing() {
        MessageType schema = productionSchemaWithout("release_ts_utc");
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                schema,
                List.of(keyedRow(
                        "a",
                        "2025-01-15",
                        "rss",
                        "ingested_at",
                        "2025-01-15T12:00:00+02:00",
                        "title",
                        "Hello",
                        "parser_version",
                        1)));

        assertThat(codec.decode(file).get())
                .containsExactly(minimal("a", "rss", "2025-01-15")
                        .ingestedAt(Instant.parse("2025-01-15T10:00:00Z"))
                        .title("Hello")
                        .parserVersion(1)
                        .build());
    }

    @Test
    void aFileWithOnlyTheRequiredColumnsReadsEveryOtherFieldAsMissing() {
        MessageType schema = Types.buildMessage()
                .optional(BINARY)
                .as(stringType())
                .named("source")
                .optional(BINARY)
                .as(stringType())
                .named("release_date")
                .optional(BINARY)
                .as(stringType())
                .named("press_release_id")
                .named("minimal");
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(schema, List.of(keyedRow("x", "2024-02-29", "web")));

        assertThat(codec.decode(file).get())
                .containsExactly(minimal("x", "web", "2024-02-29").build());
    }

    @Test
    void extraColumnsAreIgnored() {
        MessageType schema = Types.buildMessage()
                .optional(BINARY)
                .as(stringType())
                .named("press_release_id")
                .optional(BINARY)
                .as(stringType())
                .named("notes")
                .optional(BINARY)
                .as(stringType())
                .named("release_date")
                .optional(INT64)
                .named("row_number")
                .optional(BINARY)
                .as(stringType())
                .named("source")
                .optionalGroup()
                .optional(INT32)
                .named("inner")
                .named("nested")
                .optional(BINARY)
                .as(stringType())
                .named("title")
                .named("wider");
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                schema,
                List.of(row(
                        "press_release_id",
                        "a",
                        "notes",
                        "internal",
                        "release_date",
                        "2025-01-15",
                        "row_number",
                        7L,
                        "source",
                        "gmail",
                        "title",
                        "T")));

        assertThat(codec.decode(file).get())
                .containsExactly(minimal("a", "gmail", "2025-01-15").title("T").build());
    }

    @Test
    void columnsAreReadByNameWhateverTheirOrder() {
        PressRelease expected = minimal("id-1", "gmail", "2025-01-15")
                .companyName("Acme")
                .category("earnings")
                .releaseTimestamp(Instant.parse("2025-01-15T09:30:00Z"))
                .ingestedAt(Instant.parse("2025-01-15T10:00:00.5Z"))
                .title("Title")
                .fullText("Body")
                .sourceUrl("https://example.com/1")
                .parserVersion(4)
                .schemaVersion(2)
                .build();
        Types.MessageTypeBuilder reversed = Types.buildMessage();
        List<org.apache.parquet.schema.Type> fields = ProductionSchema.SCHEMA.getFields();
        for (int i = fields.size() - 1; i >= 0; i--) {
            reversed.addField(fields.get(i));
        }
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                reversed.named("reversed"),
                List.of(row(
                        "schema_version",
                        2,
                        "parser_version",
                        4,
                        "source_url",
                        "https://example.com/1",
                        "source",
                        "gmail",
                        "full_text",
                        "Body",
                        "title",
                        "Title",
                        "ingested_at",
                        "2025-01-15T10:00:00.5+00:00",
                        "release_ts_utc",
                        "2025-01-15T09:30:00Z",
                        "release_date",
                        "2025-01-15",
                        "category",
                        "earnings",
                        "company_name",
                        "Acme",
                        "press_release_id",
                        "id-1")));

        assertThat(codec.decode(file).get()).containsExactly(expected);
    }

    @Test
    void requiredColumnsAndStringsWithoutTheStringAnnotationAreRead() {
        MessageType schema = Types.buildMessage()
                .required(BINARY)
                .named("press_release_id")
                .required(BINARY)
                .named("release_date")
                .required(BINARY)
                .named("source")
                .optional(BINARY)
                .named("title")
                .required(INT32)
                .named("parser_version")
                .named("strict");
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                schema, List.of(keyedRow("a", "2025-01-15", "gmail", "title", "Résumé 📰", "parser_version", 9)));

        assertThat(codec.decode(file).get())
                .containsExactly(minimal("a", "gmail", "2025-01-15")
                        .title("Résumé 📰")
                        .parserVersion(9)
                        .build());
    }

    @Test
    void aMissingRequiredColumnIsRejectedNamingTheColumn() {
        for (String required : List.of("press_release_id", "release_date", "source")) {
            Map<String, Object> row = keyedRow("a", "2025-01-15", "gmail");
            row.remove(required);
            byte[] file = ParquetFiles.writtenByParquetExampleWriter(productionSchemaWithout(required), List.of(row));

            assertThat(failure(file)).contains("missing required column " + required);
        }
    }

    @Test
    void aColumnOfTheWrongTypeIsRejectedNamingTheColumnAndTheType() {
        MessageType schema = keyColumns()
                .optional(BINARY)
                .as(stringType())
                .named("parser_version")
                .named("odd");
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                schema, List.of(keyedRow("a", "2025-01-15", "gmail", "parser_version", "3")));

        assertThat(failure(file))
                .contains("column parser_version has type BINARY")
                .contains("INT32 or INT64");
    }

    @Test
    void aRowWithAnInvalidSourceIsRejectedNamingTheRowAndTheRule() {
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA,
                List.of(
                        keyedRow("a", "2025-01-15", "gmail"),
                        keyedRow("b", "2025-01-15", "rss"),
                        keyedRow("c", "2025-01-15", "../etc")));

        assertThat(failure(file)).contains("row 3").contains("source '../etc'").contains("must match");
    }

    @Test
    void aRowWithoutAnIdIsRejectedNamingTheRowAndTheRule() {
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA,
                List.of(keyedRow("a", "2025-01-15", "gmail"), row("release_date", "2025-01-15", "source", "gmail")));

        assertThat(failure(file)).contains("row 2").contains("press_release_id (missing) is required");
    }

    @Test
    void aRowWithAnImpossibleDateIsRejectedNamingTheRowAndTheRule() {
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA, List.of(keyedRow("a", "2025-02-30", "gmail")));

        assertThat(failure(file))
                .contains("row 1")
                .contains("release_date '2025-02-30'")
                .contains("YYYY-MM-DD");
    }

    @Test
    void textThatIsNotUtf8IsRejectedRatherThanSilentlyReplaced() {
        byte[] notUtf8 = {'H', 'i', (byte) 0xC3, (byte) 0x28};
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA,
                List.of(
                        keyedRow("a", "2025-01-15", "gmail", "title", "ok"),
                        keyedRow("b", "2025-01-15", "gmail", "title", notUtf8)));

        assertThat(failure(file)).contains("row 2").contains("title").contains("not valid UTF-8");
    }

    @Test
    void aGenuineReplacementCharacterIsKept() {
        byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA, List.of(keyedRow("a\uFFFD", "2025-01-15", "gmail")));

        assertThat(codec.decode(file).get())
                .containsExactly(minimal("a\uFFFD", "gmail", "2025-01-15").build());
    }

    @Test
    void aSurrogateWrittenAsThreeBytesIsRejectedInEveryTextColumnSoNoRecordHoldsAnUnpairedOne() {
        byte[][] surrogates = {
            {'J', (byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a lone high surrogate
            {(byte) 0xed, (byte) 0xbf, (byte) 0xbf, '!'}, // a lone low surrogate
            {(byte) 0xed, (byte) 0xa0, (byte) 0xbd, (byte) 0xed, (byte) 0xb8, (byte) 0x80} // a pair, as CESU-8
        };
        for (String column : List.of("company_name", "category", "title", "full_text", "source_url")) {
            for (byte[] surrogate : surrogates) {
                byte[] file = ParquetFiles.writtenByParquetExampleWriter(
                        ProductionSchema.SCHEMA,
                        List.of(
                                keyedRow("a", "2025-01-15", "gmail", column, "Åsa Lindqvist – “Jyväskylä”"),
                                keyedRow("b", "2025-01-15", "gmail", column, surrogate)));

                assertThat(failure(file))
                        .as("%s holding %s", column, java.util.Arrays.toString(surrogate))
                        .contains("row 2")
                        .contains(column)
                        .contains("not valid UTF-8");
            }
        }
    }

    private String failure(byte[] file) {
        Either<DecodeFailure, List<PressRelease>> decoded = codec.decode(file);
        assertThat(decoded.isLeft()).as("decoding should fail, got %s", decoded).isTrue();
        return decoded.getLeft().reason();
    }

    private static PressRelease.Builder minimal(String id, String source, String date) {
        return PressRelease.builder(PressReleaseId.of(id), Source.of(source), LocalDate.parse(date));
    }
}
