package io.feedstore.domain.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Produces an object's content into a stream the store provides (a staging file, an upload), so that a large
 * object never has to exist in memory as one array. The store publishes the content only after this returns
 * normally; if it throws, nothing is published.
 */
@FunctionalInterface
public interface ContentWriter {

    void writeTo(OutputStream out) throws IOException;

    /** The content as one array, for stores that keep objects in memory or take arrays. */
    default byte[] toByteArray() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writeTo(buffer);
        return buffer.toByteArray();
    }

    static ContentWriter of(byte[] content) {
        return out -> out.write(content);
    }
}
