package io.feedstore.domain.codec;

/**
 * Receives, row by row, what the first pass of a consolidation needs to pick each id's newest row and nothing
 * more: the row's {@code press_release_id} as UTF-8 bytes and its {@code ingested_at} as
 * {@link io.feedstore.domain.release.PressRelease#ingestedAtKey key}.
 */
@FunctionalInterface
public interface RowKeys {

    void accept(byte[] id, long ingestedAtKey);
}
