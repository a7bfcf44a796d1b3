package io.feedstore.adapters.hashing;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import io.feedstore.domain.consolidation.RowDigest;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.release.StoredRow;

/**
 * XXH3-128 (hash4j's, seed 0) of a row's canonical form: an absent value is the byte 0; a text is the byte 1, its
 * length as an int and its bytes; a number is the byte 1 and the long. About two and a half times as fast as
 * SHA-256 on press-release rows here, and tested by its authors against SMHasher; it is not meant to resist collisions
 * made on purpose, which {@link RowHash} does not ask.
 */
public final class Xxh3RowHash implements RowHash {

    private static final Hasher128 XXH3_128 = Hashing.xxh3_128();

    @Override
    public RowDigest of(StoredRow row) {
        // A stream per row: rows are hashed on many threads, and the stream is a small buffer.
        HashStream128 stream = XXH3_128.hashStream();
        RowDigest.frame(row, new RowDigest.Form() {
            @Override
            public void absent() {
                stream.putByte((byte) 0);
            }

            @Override
            public void text(byte[] bytes) {
                stream.putByte((byte) 1).putInt(bytes.length).putBytes(bytes);
            }

            @Override
            public void number(long value) {
                stream.putByte((byte) 1).putLong(value);
            }
        });
        HashValue128 hash = stream.get();
        return new RowDigest(hash.getMostSignificantBits(), hash.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return "XXH3-128";
    }
}
