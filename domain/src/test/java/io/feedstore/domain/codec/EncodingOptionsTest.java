package io.feedstore.domain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class EncodingOptionsTest {

    @Test
    void batchesAreSnappyAndTheConsolidatedFileIsZstdNineInRowGroupsOfTenThousand() {
        assertThat(EncodingOptions.BATCH.compression()).isEqualTo(Compression.SNAPPY);
        assertThat(EncodingOptions.CONSOLIDATED).isEqualTo(new EncodingOptions(Compression.ZSTD, 9, 10_000));
    }

    @Test
    void zstdLevelsAreOneToTwentyTwo() {
        assertThat(new EncodingOptions(Compression.ZSTD, 1, 1).level()).isEqualTo(1);
        assertThat(new EncodingOptions(Compression.ZSTD, 22, 1).level()).isEqualTo(22);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EncodingOptions(Compression.ZSTD, 0, 1))
                .withMessageContaining("ZSTD level 0")
                .withMessageContaining("1..22");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EncodingOptions(Compression.ZSTD, 23, 1))
                .withMessageContaining("ZSTD level 23");
    }

    @Test
    void gzipLevelsAreZeroToNine() {
        assertThat(new EncodingOptions(Compression.GZIP, 0, 1).level()).isZero();
        assertThat(new EncodingOptions(Compression.GZIP, 9, 1).level()).isEqualTo(9);
        assertThatIllegalArgumentException().isThrownBy(() -> new EncodingOptions(Compression.GZIP, -1, 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EncodingOptions(Compression.GZIP, 10, 1))
                .withMessageContaining("0..9");
    }

    @Test
    void codecsWithoutLevelsIgnoreTheLevel() {
        assertThat(new EncodingOptions(Compression.SNAPPY, 0, 1).level()).isZero();
        assertThat(new EncodingOptions(Compression.UNCOMPRESSED, 99, 1).level()).isEqualTo(99);
    }

    @Test
    void aRowGroupHoldsAtLeastOneRow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EncodingOptions(Compression.SNAPPY, 0, 0))
                .withMessageContaining("row group size 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new EncodingOptions(Compression.SNAPPY, 0, -5));
        assertThatNullPointerException().isThrownBy(() -> new EncodingOptions(null, 0, 1));
    }

    @Test
    void aDecodeFailureAlwaysHasAReason() {
        assertThat(new DecodeFailure("not a Parquet file").reason()).isEqualTo("not a Parquet file");
        assertThatNullPointerException().isThrownBy(() -> new DecodeFailure(null));
    }
}
