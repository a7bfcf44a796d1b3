package io.feedstore.adapters.localfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The mutual exclusion around every check-and-act on one store root, held across threads and processes: an
 * in-JVM lock shared by all adapter instances on the same (real) root, then an exclusive {@link FileLock} on the
 * hidden lock file at the root.
 *
 * <p>Both are needed: a {@code FileLock} is held by the whole JVM, so a second thread asking for it gets an
 * {@code OverlappingFileLockException} instead of waiting; and POSIX releases a process's lock when any of its
 * descriptors of the file is closed, so only the thread holding the in-JVM lock ever opens the lock file. The
 * lock file is never deleted: a process locking a new file while another still holds the old one would not be
 * excluded.
 */
final class StoreLock {

    static final String LOCK_FILE_NAME = ".feedstore.lock";

    // Keyed by the real path, so that two spellings of one root share one lock.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    /** What runs while the lock is held; the open lock file is handed in because the generation clock lives there. */
    interface Locked<T> {
        T run(FileChannel lockFile) throws IOException;
    }

    private final Path lockFile;
    private final ReentrantLock inJvm;

    StoreLock(Path realRoot) {
        this.lockFile = realRoot.resolve(LOCK_FILE_NAME);
        this.inJvm = IN_JVM.computeIfAbsent(realRoot, root -> new ReentrantLock());
    }

    <T> T hold(Locked<T> action) throws IOException {
        inJvm.lock();
        try (FileChannel channel = FileChannel.open(lockFile,
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.lock(); // released when the channel closes
            return action.run(channel);
        } finally {
            inJvm.unlock();
        }
    }
}
