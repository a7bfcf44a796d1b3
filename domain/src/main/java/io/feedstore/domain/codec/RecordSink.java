package io.feedstore.domain.codec;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import java.io.Closeable;
import java.io.IOException;

/**
 * An encoder being fed one record at a time: what lets a large file be written while only a row group of it is
 * in memory. {@link #close()} finishes the file (footer included); a sink that was not closed wrote no usable file.
 */
public interface RecordSink extends Closeable {

    void write(PressRelease record) throws IOException;

    /**
     * Writes a row that was {@link StoredRow#check() checked}, as {@link #write(PressRelease)} writes its record.
     * The default decodes the record; an encoder that can copies the bytes.
     */
    default void write(StoredRow row) throws IOException {
        write(row.toPressRelease());
    }

    /** How many records were written so far. */
    long written();
}
