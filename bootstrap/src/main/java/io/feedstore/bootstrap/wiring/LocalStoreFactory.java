package io.feedstore.bootstrap.wiring;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.bootstrap.errors.FeedstoreError;
import io.feedstore.bootstrap.settings.StoreUri;
import io.feedstore.domain.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** {@code file:PATH}: a directory on the local filesystem, relative paths resolved against the working directory. */
final class LocalStoreFactory implements StoreFactory {

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public ObjectStore open(StoreUri uri, boolean mayCreate) {
        Path root;
        try {
            root = Path.of(uri.location()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw FeedstoreError.configuration(
                    uri.named() + ": '" + uri.location() + "' is not a valid path: " + e.getReason());
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw FeedstoreError.configuration(uri.named() + ": " + root + " exists but is not a directory");
        }
        if (!Files.exists(root)) {
            if (!mayCreate) {
                throw FeedstoreError.configuration(
                        uri.named() + ": directory " + root + " does not exist" + " (ingest or demo creates it)");
            }
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw FeedstoreError.configuration(uri.named() + ": cannot create directory " + root + ": " + e, e);
            }
        }
        return new LocalFileSystemObjectStore(root);
    }
}
