package io.feedstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test double must be exact where the use cases rely on it: lossless round trips, garbage rejected. */
class SerializingTestCodecTest {

    private final SerializingTestCodec codec = new SerializingTestCodec();

    @Test
    void everyRecordRoundTripsExactly() {
        qt().withExamples(200)
                .forAll(lists().of(strings()
                                .basicMultilingualPlaneAlphabet()
                                .ofLengthBetween(0, 30)
                                .zip(
                                        integers().between(-5, 5),
                                        (text, n) -> PressRelease.builder(
                                                        PressReleaseId.of("id-" + n),
                                                        Source.of("src"),
                                                        LocalDate.of(2025, 1, 15))
                                                .title(text.replaceAll("[\\uD800-\\uDFFF]", ""))
                                                .ingestedAt(
                                                        n < 0
                                                                ? null
                                                                : Instant.ofEpochSecond(1_736_900_000L + n, n * 1_000L))
                                                .parserVersion(n < 0 ? null : n)
                                                .build()))
                        .ofSizeBetween(0, 20))
                .checkAssert(records -> assertThat(codec.decode(codec.encode(records, FileRole.BATCH))
                                .get())
                        .isEqualTo(records));
    }

    @Test
    void bytesItDidNotWriteAreRejected() {
        byte[] valid = codec.encode(
                List.of(PressRelease.builder(PressReleaseId.of("a"), Source.of("s"), LocalDate.of(2025, 1, 15))
                        .build()),
                FileRole.BATCH);
        assertThat(codec.decode("PAR1 not ours".getBytes(StandardCharsets.UTF_8))
                        .isLeft())
                .isTrue();
        assertThat(codec.decode(Arrays.copyOf(valid, valid.length - 3)).isLeft())
                .isTrue();
        assertThat(codec.decode(Arrays.copyOf(valid, valid.length + 1)).isLeft())
                .isTrue();
        assertThat(codec.decode(valid).get()).hasSize(1);
    }
}
