package io.feedstore.adapters.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.release.PressRelease;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Bytes that are not a whole Parquet file give a {@link DecodeFailure}, never an exception. */
class DecoderRobustnessTest {

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    @Test
    void bytesThatAreNotParquetAreRejectedAsNotAParquetFile() {
        for (byte[] garbage : List.of(
                new byte[0],
                "PAR1".getBytes(StandardCharsets.US_ASCII),
                "{\"press_release_id\": \"a\"}\n".getBytes(StandardCharsets.UTF_8),
                new byte[4096])) {
            assertThat(codec.decode(garbage).getLeft().reason()).startsWith("not a readable Parquet file");
        }
    }

    @Test
    void everyTruncationOfAFileIsRejectedWithoutAnException() {
        byte[] file = codec.encode(EncodingTest.releases(3), EncodingOptions.CONSOLIDATED);

        for (int length = 0; length < file.length; length++) {
            Either<DecodeFailure, List<PressRelease>> decoded = codec.decode(Arrays.copyOf(file, length));
            assertThat(decoded.isLeft())
                    .as("a file cut to %d of %d bytes", length, file.length)
                    .isTrue();
        }
    }

    @Test
    void randomBytesAreRejectedWithoutAnException() {
        qt().withExamples(300)
                .forAll(Generate.byteArrays(
                        Generate.range(0, 2_000), Generate.bytes((byte) -128, (byte) 127, (byte) 0)))
                .checkAssert(bytes -> assertThat(codec.decode(bytes).isLeft()).isTrue());
    }

    @Test
    void aCorruptedFileIsRejectedOrDecodesToTheOriginalRecordsNeverToOtherRecords() {
        List<PressRelease> records = EncodingTest.releases(20);
        byte[] file = codec.encode(records, EncodingOptions.BATCH);
        qt().withExamples(300)
                .forAll(lists().of(Generate.range(0, file.length - 1)).ofSizeBetween(1, 8), Generate.range(1, 255))
                .checkAssert((positions, mask) -> {
                    byte[] corrupt = file.clone();
                    positions.forEach(p -> corrupt[p] = (byte) (corrupt[p] ^ mask));
                    // Page CRCs catch changed data; a flip in metadata that no reader needs (statistics,
                    // key-value pairs) may leave the file readable, but then it reads as it was written.
                    codec.decode(corrupt).forEach(decoded -> assertThat(decoded).isEqualTo(records));
                });
    }
}
