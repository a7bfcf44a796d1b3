package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 128-bit fingerprint of a record's canonical wire form (every column, nulls included, each value length-
 * prefixed so no two records share an encoding): SHA-256, cut to 128 bits. Equal records have equal digests; a
 * record changed in any column has another one, except with a chance of 2^-128. It lets consolidation check a
 * written file against what it meant to write without keeping the records themselves.
 */
public record RowDigest(long high, long low) {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    public static RowDigest of(PressRelease record) {
        return of(StoredRow.of(record));
    }

    /** The digest of the row as written: equal to {@link #of(PressRelease)} of the record it holds. */
    public static RowDigest of(StoredRow row) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        for (int column = 0; column < StoredRow.STRING_COLUMNS; column++) {
            text(sha, row.value(column));
        }
        number(sha, row.parserVersion());
        number(sha, row.schemaVersion());
        byte[] hash = sha.digest();
        return new RowDigest(longAt(hash, 0), longAt(hash, 8));
    }

    private static void text(MessageDigest sha, byte[] bytes) {
        if (bytes == null) {
            sha.update((byte) 0);
            return;
        }
        sha.update((byte) 1);
        sha.update(new byte[] {
            (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length
        });
        sha.update(bytes);
    }

    private static void number(MessageDigest sha, Long value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        sha.update((byte) 1);
        long v = value;
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha.update((byte) (v >>> shift));
        }
    }

    private static long longAt(byte[] bytes, int offset) {
        long v = 0;
        for (int i = offset; i < offset + 8; i++) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return v;
    }
}
