package io.feedstore.domain.codec;

import java.util.Objects;

/**
 * How a file is encoded. Batches favour write speed (snappy); the consolidated file favours size (ZSTD 9)
 * and scan speed (row groups of 10,000 rows).
 */
public record EncodingOptions(Compression compression, int level, int rowGroupRows) {

    public static final EncodingOptions BATCH = new EncodingOptions(Compression.SNAPPY, 0, 10_000);
    public static final EncodingOptions CONSOLIDATED = new EncodingOptions(Compression.ZSTD, 9, 10_000);

    public EncodingOptions {
        Objects.requireNonNull(compression, "compression");
        if (compression == Compression.ZSTD && (level < 1 || level > 22)) {
            throw new IllegalArgumentException("ZSTD level " + level + " is out of range: it must be 1..22");
        }
        if (compression == Compression.GZIP && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("GZIP level " + level + " is out of range: it must be 0..9");
        }
        if (rowGroupRows < 1) {
            throw new IllegalArgumentException("row group size " + rowGroupRows + " must be at least 1 row");
        }
    }
}
