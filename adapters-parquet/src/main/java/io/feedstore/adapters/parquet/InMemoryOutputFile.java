package io.feedstore.adapters.parquet;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A Parquet output target in memory, so that encoding needs no Hadoop FileSystem and no local file. */
final class InMemoryOutputFile implements OutputFile {

    private final Buffer buffer = new Buffer();
    private final StreamOutputFile stream = new StreamOutputFile(buffer);

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        buffer.reset();
        return stream.create(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        buffer.reset();
        return stream.createOrOverwrite(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return "memory";
    }

    byte[] toByteArray() {
        return buffer.bytes();
    }

    /** Exposes the backing array so the finished file is copied once, not twice. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] bytes() {
            return buf.length == count ? buf : Arrays.copyOf(buf, count);
        }
    }
}
