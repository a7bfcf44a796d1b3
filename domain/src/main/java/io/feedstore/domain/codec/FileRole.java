package io.feedstore.domain.codec;

/**
 * What a file is for, which is all a use case says about its encoding: the wiring decides how each role is encoded
 * (by default a batch as snappy, favouring write speed; the consolidated file as ZSTD 9 in row groups of 10,000
 * rows, favouring size and scan speed).
 */
public enum FileRole {
    /** A batch of freshly ingested press releases, written often and merged away soon. */
    BATCH,
    /** A partition's consolidated file, written once per consolidation and read by every load. */
    CONSOLIDATED
}
