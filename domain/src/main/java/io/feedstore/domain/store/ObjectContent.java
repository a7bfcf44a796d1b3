package io.feedstore.domain.store;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/**
 * One generation of an object, open for reading at any position: what a codec needs to stream a large object
 * (Parquet reads its footer first, then one row group at a time) without holding all of it in memory. The bytes
 * are those of {@link #generation()} for as long as the content is open, even if the object is replaced meanwhile;
 * a store that cannot promise that fails the read with an {@link IOException} instead of mixing generations.
 */
public interface ObjectContent extends Closeable {

    ObjectKey key();

    Generation generation();

    /** The object's size in bytes. */
    long size();

    /** Copies exactly {@code length} bytes from {@code position} into {@code target}; {@link EOFException} past the end. */
    void readFully(long position, byte[] target, int offset, int length) throws IOException;

    /** The whole content in memory; only for objects known to be small. */
    default byte[] readAll() throws IOException {
        if (size() > Integer.MAX_VALUE - 16) {
            throw new IOException(key() + " is too large to read into memory (" + size() + " bytes)");
        }
        byte[] all = new byte[(int) size()];
        readFully(0, all, 0, all.length);
        return all;
    }

    @Override
    default void close() throws IOException {
        // nothing to release for content held in memory
    }

    /** Content already read whole, as {@link ObjectStore#read} returns it. */
    static ObjectContent of(StoredObject stored) {
        Objects.requireNonNull(stored, "stored");
        return new ObjectContent() {
            @Override
            public ObjectKey key() {
                return stored.key();
            }

            @Override
            public Generation generation() {
                return stored.generation();
            }

            @Override
            public long size() {
                return stored.content().length;
            }

            @Override
            public void readFully(long position, byte[] target, int offset, int length) throws IOException {
                byte[] content = stored.content();
                Objects.checkFromIndexSize(offset, length, target.length);
                if (position < 0 || position + length > content.length) {
                    throw new EOFException("cannot read " + length + " bytes at " + position + " of " + stored.key()
                            + " (" + content.length + " bytes)");
                }
                System.arraycopy(content, (int) position, target, offset, length);
            }

            @Override
            public byte[] readAll() {
                return stored.content().clone();
            }
        };
    }
}
