package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.ObjectStoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The local filesystem adapter honours the whole object-store contract; other instances act as other processes. */
class LocalFileSystemObjectStoreContractTest extends ObjectStoreContract {

    @TempDir
    Path directory;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected ObjectStore createStore() {
        return new LocalFileSystemObjectStore(directory.resolve("store-" + stores.incrementAndGet()));
    }

    @Override
    protected ObjectStore sameStoreViaAnotherInstance(ObjectStore store) {
        return new LocalFileSystemObjectStore(((LocalFileSystemObjectStore) store).root());
    }
}
