package io.feedstore.adapters.parquet;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.release.CheckedRow;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Consolidation's byte path (rows as their stored UTF-8 bytes, checked on the bytes, copied into the output) gives
 * what the record path (rows decoded into records, encoded again) gives: the same rows, the same refusals in the
 * same words, the same file bytes.
 */
class BytePathTest {

    private static final MessageType WIDE_VERSIONS = wideVersions();

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    /** The production schema with int64 versions, as other writers may store them. */
    private static MessageType wideVersions() {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (int c = 0; c < StoredRow.STRING_COLUMNS; c++) {
            builder.optional(BINARY).as(stringType()).named(WireRecord.COLUMNS.get(c));
        }
        return builder.optional(INT64)
                .named(WireRecord.PARSER_VERSION)
                .optional(INT64)
                .named(WireRecord.SCHEMA_VERSION)
                .named("other_writer");
    }

    /** Valid records, now and then with a column another writer could have stored: bytes that are not UTF-8, a
     * timestamp ending in Z, a date with a space, a blank id, a version beyond 32 bits. */
    private static Gen<Map<String, Object>> otherWritersRows() {
        Gen<PressRelease> records = PressReleaseGenerators.pressReleases();
        Gen<Integer> damage = integers().between(0, 30);
        Gen<Integer> column = integers().between(0, StoredRow.STRING_COLUMNS - 1);
        return in -> {
            StoredRow row = StoredRow.of(records.generate(in));
            Map<String, Object> values = new HashMap<>();
            for (int c = 0; c < StoredRow.STRING_COLUMNS; c++) {
                if (row.value(c) != null) {
                    values.put(WireRecord.COLUMNS.get(c), row.value(c));
                }
            }
            if (row.parserVersion() != null) {
                values.put(WireRecord.PARSER_VERSION, row.parserVersion());
            }
            if (row.schemaVersion() != null) {
                values.put(WireRecord.SCHEMA_VERSION, row.schemaVersion());
            }
            String name = WireRecord.COLUMNS.get(column.generate(in));
            String now = row.value(WireRecord.COLUMNS.indexOf(name)) == null
                    ? "Åsa – “Ærø”"
                    : new String(row.value(WireRecord.COLUMNS.indexOf(name)), StandardCharsets.UTF_8);
            switch (damage.generate(in)) {
                case 0 -> values.put(name, new byte[] {'J', (byte) 0xed, (byte) 0xa0, (byte) 0x80});
                case 1 -> values.put(name, new byte[] {(byte) 0xe2, (byte) 0x80});
                case 2 -> values.put(name, (now.replace("+00:00", "Z")).getBytes(StandardCharsets.UTF_8));
                case 3 -> values.put(name, (now.replace('T', ' ')).getBytes(StandardCharsets.UTF_8));
                case 4 -> values.put(name, " ".getBytes(StandardCharsets.UTF_8));
                case 5 -> values.put(WireRecord.PARSER_VERSION, Integer.MAX_VALUE + 1L);
                case 6 -> values.remove(name);
                default -> {}
            }
            return values;
        };
    }

    private static ObjectContent content(byte[] file) {
        return ObjectContent.of(new StoredObject(ObjectKey.of("p/file.parquet"), Generation.of(1), file));
    }

    @Test
    void theBytePathHandsOverTheRowsTheRecordPathDecodesAndRefusesWhereItRefusesInItsWords() {
        qt().withExamples(300)
                .forAll(
                        lists().of(otherWritersRows()).ofSizeBetween(0, 12),
                        integers().between(1, 5))
                .checkAssert((rows, groupRows) -> {
                    byte[] file = ParquetFiles.writtenByParquetExampleWriter(WIDE_VERSIONS, rows, groupRows);
                    List<CheckedRow> byRecord = new ArrayList<>();
                    Either<DecodeFailure, Long> records =
                            codec.decode(content(file), r -> byRecord.add(CheckedRow.of(r)));
                    List<CheckedRow> byBytes = new ArrayList<>();
                    Either<DecodeFailure, Long> checked = codec.decodeChecked(content(file), byBytes::add);

                    assertThat(checked).isEqualTo(records);
                    assertThat(byBytes).isEqualTo(byRecord);
                });
    }

    @Test
    void checkedRowsWrittenAsBytesGiveTheFileTheirRecordsGiveOnEveryCoreAndInASmallHeap() {
        EncodingOptions options = RoundTripPropertiesTest.options(Compression.ZSTD, 7);
        qt().withExamples(25)
                .forAll(lists().of(PressReleaseGenerators.pressReleases()).ofSizeBetween(0, 30))
                .checkAssert(list -> {
                    assertThat(ParquetRecordCodec.encodeStored(
                                    list.stream().map(StoredRow::of).toList(), options))
                            .isEqualTo(codec.encode(list, options));
                    for (long budget : new long[] {Long.MAX_VALUE / 4, 1}) {
                        assertThat(encodedBySink(list, options, budget, false))
                                .as("budget %s", budget)
                                .isEqualTo(encodedBySink(list, options, budget, true));
                    }
                });
    }

    private static byte[] encodedBySink(
            List<PressRelease> records, EncodingOptions options, long budget, boolean asRecords) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordSink sink = new ParallelRowGroupSink(options, out, 2, budget)) {
            for (PressRelease r : records) {
                if (asRecords) {
                    sink.write(r);
                } else {
                    sink.write(StoredRow.of(WireRecord.of(r)).check().get().row());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void aFileReadBackAsStoredGivesTheBytesOfItsRecordsInOrderOnEveryThreadCount() {
        EncodingOptions options = RoundTripPropertiesTest.options(Compression.ZSTD, 3);
        qt().withExamples(60)
                .forAll(
                        lists().of(PressReleaseGenerators.pressReleases()).ofSizeBetween(0, 20),
                        integers().between(1, 4))
                .checkAssert((list, threads) -> {
                    byte[] file = codec.encode(list, options);
                    List<StoredRow> back = new ArrayList<>();
                    Either<DecodeFailure, Long> read =
                            codec.decodeStoredMapped(content(file), r -> r, back::add, threads);
                    assertThat(read).isEqualTo(Either.right((long) list.size()));
                    assertThat(back).isEqualTo(list.stream().map(StoredRow::of).toList());
                });
    }
}
