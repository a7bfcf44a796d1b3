package io.feedstore.application;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The no-loss model end to end on the real adapters: Parquet files in the local filesystem store. */
class NoLossModelLocalFileSystemTest extends AbstractNoLossModelTest {

    @TempDir
    Path root;

    private final RecordCodec codec = new ParquetRecordCodec();

    @Override
    protected ObjectStore newStore() {
        try {
            return new LocalFileSystemObjectStore(Files.createTempDirectory(root, "example-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected RecordCodec codec() {
        return codec;
    }

    @Override
    protected int examples() {
        return 25;
    }
}
