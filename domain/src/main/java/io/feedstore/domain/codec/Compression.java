package io.feedstore.domain.codec;

/** Page compression of a Parquet file. */
public enum Compression {
    UNCOMPRESSED,
    SNAPPY,
    GZIP,
    ZSTD
}
