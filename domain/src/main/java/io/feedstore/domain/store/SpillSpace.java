package io.feedstore.domain.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Outgoing port: temporary space for what a use case cannot hold in memory (the tied rows of a large
 * consolidation). Nothing in it outlives the run: every file is gone once closed.
 */
public interface SpillSpace {

    /** A new, empty temporary file. */
    SpillFile create() throws IOException;

    /** One temporary file: written once through {@link #output}, then read back through {@link #input}. */
    interface SpillFile extends Closeable {

        OutputStream output() throws IOException;

        /** What was written, once the output is closed. */
        InputStream input() throws IOException;

        /** Removes the file; closing it again does nothing. */
        @Override
        void close() throws IOException;
    }
}
