package io.feedstore.adapters.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Parquet bytes already in memory (an object read from the store), readable without any Hadoop FileSystem. */
final class InMemoryInputFile implements InputFile {

    private final byte[] bytes;

    InMemoryInputFile(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    /** Parquet puts this into its error messages, which reach users: say what the file is, not where it lives in memory. */
    @Override
    public String toString() {
        return "the file (" + bytes.length + " bytes)";
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream(bytes);
    }

    private static final class Stream extends SeekableInputStream {
        private final byte[] bytes;
        private int position;

        Stream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > bytes.length) {
                throw new EOFException("cannot seek to " + newPos + " in a file of " + bytes.length + " bytes");
            }
            position = (int) newPos;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int available = bytes.length - position;
            if (available <= 0) {
                return -1;
            }
            int n = Math.min(length, available);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public void readFully(byte[] target) throws IOException {
            readFully(target, 0, target.length);
        }

        @Override
        public void readFully(byte[] target, int offset, int length) throws IOException {
            requireAvailable(length);
            System.arraycopy(bytes, position, target, offset, length);
            position += length;
        }

        @Override
        public int read(ByteBuffer target) {
            if (!target.hasRemaining()) {
                return 0;
            }
            int available = bytes.length - position;
            if (available <= 0) {
                return -1;
            }
            int n = Math.min(target.remaining(), available);
            target.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public void readFully(ByteBuffer target) throws IOException {
            int length = target.remaining();
            requireAvailable(length);
            target.put(bytes, position, length);
            position += length;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, bytes.length - (long) position));
            position += (int) skipped;
            return skipped;
        }

        @Override
        public int available() {
            return Math.max(0, bytes.length - position);
        }

        private void requireAvailable(int length) throws EOFException {
            if (length > bytes.length - position) {
                throw new EOFException(
                        "needed " + length + " bytes at offset " + position + " but the file ends at " + bytes.length);
            }
        }
    }
}
