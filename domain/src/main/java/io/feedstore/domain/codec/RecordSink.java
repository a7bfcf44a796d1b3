package io.feedstore.domain.codec;

import io.feedstore.domain.release.PressRelease;
import java.io.Closeable;
import java.io.IOException;

/**
 * An encoder being fed one record at a time: what lets a large file be written while only a row group of it is
 * in memory. {@link #close()} finishes the file (footer included); a sink that was not closed wrote no usable file.
 */
public interface RecordSink extends Closeable {

    void write(PressRelease record) throws IOException;

    /** How many records were written so far. */
    long written();
}
