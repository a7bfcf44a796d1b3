package io.feedstore.adapters.localfs;

import static io.feedstore.adapters.localfs.StorePaths.attributes;
import static io.feedstore.adapters.localfs.StorePaths.fsyncDirectory;

import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing an object: the content is staged in a durable temporary next to where the object goes (the slow part,
 * outside the lock), then, under the lock, stamped with a fresh generation and published under its name by a
 * hard link (create-if-absent: it fails if the name exists) or an atomic rename (replace), the folder fsynced.
 */
final class Staging {

    // Bounds the retries of a write racing with folder cleanup.
    private static final int ATTEMPTS = 20;

    private Staging() {}

    /** A durable temporary file holding the content, next to where the object goes; close it when done. */
    record Staged(Path file, Temporaries.Temporary temporary) implements AutoCloseable {
        @Override
        public void close() {
            temporary.close();
        }
    }

    static Staged stage(Path realRoot, ObjectKey key, ContentWriter content) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Path file = StorePaths.locateCreating(realRoot, key);
                return new Staged(file, Temporaries.write(file, content));
            } catch (NoSuchFileException folderRemoved) {
                // A delete removed a folder while it was still empty, between its creation and this write.
                if (attempt >= ATTEMPTS) {
                    throw folderRemoved;
                }
            }
        }
    }

    /**
     * Publishes under a name that must not exist; call under the lock, after the absence check.
     *
     * @throws FileAlreadyExistsException when another tool put a file there meanwhile
     */
    static Generation publishNew(Staged staged, GenerationClock clock, FileChannel lockFile) throws IOException {
        clock.stamp(staged.temporary().path(), lockFile);
        try {
            Files.createLink(staged.file(), staged.temporary().path());
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            // Under the store lock and after the absence check, a rename is as safe as a link.
            Files.move(staged.temporary().path(), staged.file(), StandardCopyOption.ATOMIC_MOVE);
        }
        return published(staged);
    }

    /** Publishes in place of the current object; call under the lock, after checking its generation. */
    static Generation publishReplacing(Staged staged, GenerationClock clock, FileChannel lockFile) throws IOException {
        clock.stamp(staged.temporary().path(), lockFile);
        Files.move(staged.temporary().path(), staged.file(), StandardCopyOption.ATOMIC_MOVE);
        return published(staged);
    }

    private static Generation published(Staged staged) throws IOException {
        fsyncDirectory(staged.file().getParent());
        return FileGeneration.of(attributes(staged.file()));
    }
}
