package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 128-bit fingerprint of a record's canonical form ({@link #frame}: every column, nulls included, each value
 * length-prefixed, so no two records share a form). {@link #of} is SHA-256 of that form cut to 128 bits: the digest
 * migration records keep in the bucket, so it never changes. Consolidation checks a written file with a
 * {@link RowHash}, which may be a faster function of the same form.
 */
public record RowDigest(long high, long low) {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    /** Receives a row's canonical form, one value at a time. */
    public interface Form {
        /** A column without a value. */
        void absent();

        /** A text column's UTF-8 bytes; the receiver must record their length, so the form stays unambiguous. */
        void text(byte[] bytes);

        /** A number column's value. */
        void number(long value);
    }

    /** Puts the row's canonical form into {@code form}: the text columns in order, then the two version columns. */
    public static void frame(StoredRow row, Form form) {
        for (int column = 0; column < StoredRow.STRING_COLUMNS; column++) {
            byte[] bytes = row.value(column);
            if (bytes == null) {
                form.absent();
            } else {
                form.text(bytes);
            }
        }
        number(form, row.parserVersion());
        number(form, row.schemaVersion());
    }

    private static void number(Form form, Long value) {
        if (value == null) {
            form.absent();
        } else {
            form.number(value);
        }
    }

    public static RowDigest of(PressRelease record) {
        return of(StoredRow.of(record));
    }

    /** SHA-256 of the row's form, cut to 128 bits: equal to {@link #of(PressRelease)} of the record it holds. */
    public static RowDigest of(StoredRow row) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        frame(row, new Form() {
            private final byte[] prefix = new byte[9];

            @Override
            public void absent() {
                sha.update((byte) 0);
            }

            @Override
            public void text(byte[] bytes) {
                prefix[0] = 1;
                putBigEndian(bytes.length, 4);
                sha.update(prefix, 0, 5);
                sha.update(bytes);
            }

            @Override
            public void number(long value) {
                prefix[0] = 1;
                putBigEndian(value, 8);
                sha.update(prefix, 0, 9);
            }

            private void putBigEndian(long value, int length) {
                for (int i = 0; i < length; i++) {
                    prefix[length - i] = (byte) (value >>> (8 * i));
                }
            }
        });
        byte[] hash = sha.digest();
        return new RowDigest(longAt(hash, 0), longAt(hash, 8));
    }

    private static long longAt(byte[] bytes, int offset) {
        long v = 0;
        for (int i = offset; i < offset + 8; i++) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return v;
    }
}
