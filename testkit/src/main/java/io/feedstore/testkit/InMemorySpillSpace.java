package io.feedstore.testkit;

import io.feedstore.domain.store.SpillSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Spill space in memory, for tests; counts the files open so a test can check that none is left behind. */
public final class InMemorySpillSpace implements SpillSpace {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();

    @Override
    public SpillFile create() {
        open.incrementAndGet();
        created.incrementAndGet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new SpillFile() {
            private boolean closed;

            @Override
            public OutputStream output() {
                return bytes;
            }

            @Override
            public InputStream input() {
                return new ByteArrayInputStream(bytes.toByteArray());
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
            }
        };
    }

    /** Files created and not yet closed. */
    public int openFiles() {
        return open.get();
    }

    /** Files created so far. */
    public int createdFiles() {
        return created.get();
    }
}
