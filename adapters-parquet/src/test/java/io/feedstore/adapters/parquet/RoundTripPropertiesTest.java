package io.feedstore.adapters.parquet;

import static io.feedstore.adapters.parquet.PressReleaseGenerators.megabyteTexts;
import static io.feedstore.adapters.parquet.PressReleaseGenerators.pressReleases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.release.PressRelease;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** encode then decode gives back exactly the records, in order, whatever the text and whatever the codec. */
class RoundTripPropertiesTest {

    private final ParquetRecordCodec codec = new ParquetRecordCodec();

    @Test
    void decodeOfEncodeIsTheIdentityForEveryCompressionAndRowGroupSize() {
        qt().withExamples(150)
                .forAll(lists().of(pressReleases()).ofSizeBetween(0, 30), Generate.range(1, 7))
                .checkAssert((records, rowGroupRows) -> {
                    for (Compression compression : Compression.values()) {
                        assertRoundTrips(records, options(compression, rowGroupRows));
                    }
                });
    }

    @Test
    void decodeOfEncodeIsTheIdentityForMegabyteTexts() {
        qt().withExamples(4)
                .forAll(
                        lists().of(pressReleases(megabyteTexts().map(Option::some)))
                                .ofSizeBetween(1, 3),
                        Generate.range(1, 2))
                .checkAssert((records, rowGroupRows) -> {
                    for (Compression compression : Compression.values()) {
                        assertRoundTrips(records, options(compression, rowGroupRows));
                    }
                });
    }

    private void assertRoundTrips(List<PressRelease> records, EncodingOptions options) {
        byte[] file = codec.encode(records, options);
        assertThat(codec.decode(file).get())
                .as("records decoded from a file written with %s", options)
                .containsExactlyElementsOf(records);
    }

    static EncodingOptions options(Compression compression, int rowGroupRows) {
        int level = switch (compression) {
            case ZSTD -> 3;
            case GZIP -> 6;
            default -> 0;
        };
        return new EncodingOptions(compression, level, rowGroupRows);
    }
}
