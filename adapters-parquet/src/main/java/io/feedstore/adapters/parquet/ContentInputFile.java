package io.feedstore.adapters.parquet;

import io.feedstore.domain.store.ObjectContent;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An object in the store as parquet's input file: parquet reads the footer, then each row group's column chunks,
 * each as one ranged read of the content, so only what is being decoded is in memory.
 */
final class ContentInputFile implements InputFile {

    /** Small reads (parquet reads a few bytes at a time while parsing headers) are served from a buffer. */
    private static final int BUFFER = 64 * 1024;

    private final ObjectContent content;

    ContentInputFile(ObjectContent content) {
        this.content = content;
    }

    @Override
    public long getLength() {
        return content.size();
    }

    @Override
    public String toString() {
        return content.key() + " (" + content.size() + " bytes)";
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream();
    }

    private final class Stream extends SeekableInputStream {
        private final byte[] buffer = new byte[BUFFER];
        /** File position of buffer[0], and how many bytes of the buffer are valid. */
        private long bufferStart;

        private int bufferLength;
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > content.size()) {
                throw new EOFException("cannot seek to " + newPos + " in " + ContentInputFile.this);
            }
            position = newPos;
        }

        @Override
        public int read() throws IOException {
            if (position >= content.size()) {
                return -1;
            }
            fill();
            return buffer[(int) (position++ - bufferStart)] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long available = content.size() - position;
            if (available <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, available);
            readFully(target, offset, n);
            return n;
        }

        @Override
        public void readFully(byte[] target) throws IOException {
            readFully(target, 0, target.length);
        }

        @Override
        public void readFully(byte[] target, int offset, int length) throws IOException {
            if (length > content.size() - position) {
                throw new EOFException(
                        "needed " + length + " bytes at offset " + position + " of " + ContentInputFile.this);
            }
            if (length >= BUFFER) {
                content.readFully(position, target, offset, length);
                position += length;
                return;
            }
            int done = 0;
            while (done < length) {
                fill();
                int from = (int) (position - bufferStart);
                int n = Math.min(length - done, bufferLength - from);
                System.arraycopy(buffer, from, target, offset + done, n);
                done += n;
                position += n;
            }
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            if (!target.hasRemaining()) {
                return 0;
            }
            long available = content.size() - position;
            if (available <= 0) {
                return -1;
            }
            int n = (int) Math.min(target.remaining(), available);
            byte[] bytes = new byte[n];
            readFully(bytes, 0, n);
            target.put(bytes);
            return n;
        }

        @Override
        public void readFully(ByteBuffer target) throws IOException {
            int length = target.remaining();
            if (target.hasArray()) {
                readFully(target.array(), target.arrayOffset() + target.position(), length);
                target.position(target.position() + length);
            } else {
                byte[] bytes = new byte[length];
                readFully(bytes, 0, length);
                target.put(bytes);
            }
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, content.size() - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, content.size() - position));
        }

        /** Makes the buffer hold the byte at {@code position}. */
        private void fill() throws IOException {
            if (position >= bufferStart && position < bufferStart + bufferLength) {
                return;
            }
            int n = (int) Math.min(BUFFER, content.size() - position);
            content.readFully(position, buffer, 0, n);
            bufferStart = position;
            bufferLength = n;
        }
    }
}
