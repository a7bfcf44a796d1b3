package io.feedstore.application;

import io.feedstore.domain.store.ObjectContent;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An opened object read from start to end a range at a time, so that a large bronze part (a message with a big
 * attachment) is parsed without being held whole. Closing it closes the content.
 */
final class ObjectContentStream extends InputStream {

    private static final int RANGE = 256 * 1024;

    private final ObjectContent content;
    private final byte[] buffer;
    private long position;
    private int start;
    private int end;
    private IOException failure;

    ObjectContentStream(ObjectContent content) {
        this.content = Objects.requireNonNull(content, "content");
        this.buffer = new byte[(int) Math.min(RANGE, Math.max(1, content.size()))];
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[start++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, end - start);
        System.arraycopy(buffer, start, target, offset, n);
        start += n;
        return n;
    }

    /** True when bytes are buffered; reads the next range when the buffer is used up. */
    private boolean fill() throws IOException {
        if (start < end) {
            return true;
        }
        long left = content.size() - position;
        if (left <= 0) {
            return false;
        }
        int length = (int) Math.min(buffer.length, left);
        try {
            content.readFully(position, buffer, 0, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        position += length;
        start = 0;
        end = length;
        return true;
    }

    /** The store's failure to read a range, if there was one: a reader may have taken it for bad content. */
    Option<IOException> failure() {
        return Option.of(failure);
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
