package io.feedstore.adapters.parquet;

import static io.feedstore.adapters.parquet.ParquetFiles.keyedRow;
import static io.feedstore.adapters.parquet.ParquetFiles.productionSchemaWithout;
import static io.feedstore.adapters.parquet.ParquetFiles.row;
import static io.feedstore.adapters.parquet.PressReleaseGenerators.pressReleases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * {@link ParquetRecordCodec#decodeKeys}, which reads two columns only, gives each row's key exactly as decoding
 * the whole row would, for our files and other writers' files, and refuses a bad key in decode's words.
 */
class KeyDecodingTest {

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    /** A row's key as the test sees it: the id as text and the ingested_at key. */
    private record Key(String id, long ingestedAtKey) {}

    private static ObjectContent content(byte[] file) {
        return ObjectContent.of(new StoredObject(ObjectKey.of("p/file.parquet"), Generation.of(1), file));
    }

    private Either<DecodeFailure, List<Key>> keys(byte[] file) {
        List<Key> keys = new ArrayList<>();
        return codec.decodeKeys(
                        content(file),
                        (id, micros) -> keys.add(new Key(new String(id, StandardCharsets.UTF_8), micros)))
                .map(count -> {
                    assertThat(count).isEqualTo(keys.size());
                    return keys;
                });
    }

    private static List<Key> keysOf(List<PressRelease> rows) {
        return rows.stream()
                .map(r -> new Key(r.id().value(), r.ingestedAtKey()))
                .toList();
    }

    @Test
    void theKeysAreThoseOfTheDecodedRowsInOrderForEveryCompressionAndRowGroupSize() {
        qt().withExamples(100)
                .forAll(lists().of(pressReleases()).ofSizeBetween(0, 30), Generate.range(1, 7))
                .checkAssert((records, rowGroupRows) -> {
                    for (Compression compression : Compression.values()) {
                        byte[] file = codec.encode(records, RoundTripPropertiesTest.options(compression, rowGroupRows));
                        assertThat(keys(file).get())
                                .isEqualTo(keysOf(codec.decode(file).get()));
                    }
                });
    }

    @Test
    void otherWritersFilesGiveTheKeysTheirDecodedRowsHaveWithOrWithoutIngestedAt() {
        byte[] noColumn = ParquetFiles.writtenByParquetExampleWriter(
                productionSchemaWithout("ingested_at"), List.of(keyedRow("a", "2025-01-15", "gmail")));
        byte[] offsets = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA,
                List.of(
                        keyedRow("a", "2025-01-15", "rss", "ingested_at", "2025-01-15T12:00:00.1234567+02:00"),
                        keyedRow("b", "2025-01-15", "rss", "ingested_at", "2025-01-15 10:00:00"),
                        keyedRow("c", "2025-01-15", "rss")));

        assertThat(keys(noColumn).get()).containsExactly(new Key("a", PressRelease.NOT_INGESTED));
        assertThat(keys(offsets).get()).isEqualTo(keysOf(codec.decode(offsets).get()));
        assertThat(keys(offsets).get().get(0).ingestedAtKey())
                .isEqualTo(PressRelease.ingestedAtKey(Instant.parse("2025-01-15T10:00:00.1234567Z")));
    }

    @Test
    void aRowWithoutAnIdOrWithABadIngestedAtIsRefusedInDecodesWords() {
        byte[] noId = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA,
                List.of(keyedRow("a", "2025-01-15", "gmail"), row("release_date", "2025-01-15", "source", "gmail")));
        byte[] badInstant = ParquetFiles.writtenByParquetExampleWriter(
                ProductionSchema.SCHEMA,
                List.of(
                        keyedRow("a", "2025-01-15", "gmail", "ingested_at", "2025-01-15T10:00:00Z"),
                        keyedRow("b", "2025-01-15", "gmail", "ingested_at", "2025-02-30T10:00:00Z")));

        for (byte[] file : List.of(noId, badInstant)) {
            String refused = keys(file).getLeft().reason();
            assertThat(refused)
                    .contains("row 2")
                    .isEqualTo(codec.decode(file).getLeft().reason());
        }
    }
}
