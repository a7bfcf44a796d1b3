package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.SpillSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Spill space on the local filesystem: one temporary file per spill file, in a directory of temporary files. */
public final class TemporaryFileSpillSpace implements SpillSpace {

    private final Path directory;

    /** Temporary files in {@code directory} (for example {@code java.io.tmpdir}), which must exist. */
    public TemporaryFileSpillSpace(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Temporary files where the JVM keeps them ({@code java.io.tmpdir}). */
    public static TemporaryFileSpillSpace inSystemTemp() {
        return new TemporaryFileSpillSpace(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public SpillFile create() throws IOException {
        Path file = Files.createTempFile(directory, "feedstore-spill-", ".rows");
        return new SpillFile() {
            @Override
            public OutputStream output() throws IOException {
                return Files.newOutputStream(file);
            }

            @Override
            public InputStream input() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public void close() throws IOException {
                Files.deleteIfExists(file);
            }
        };
    }
}
