package io.feedstore.adapters.localfs;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
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
 *
 * <p>The lock file is opened without following links and must be a regular file: a link planted there would
 * otherwise make feedstore create or overwrite a file anywhere on the machine (the clock's counter lives in it).
 *
 * <p>Readers never write: they take a shared lock on the file opened read-only, so that they work on a read-only
 * mount, snapshot or backup copy. Where there is no lock file (feedstore never wrote there) or it cannot be read,
 * they read without it and rely on every object being published atomically.
 */
final class StoreLock {

    static final String LOCK_FILE_NAME = ".feedstore.lock";

    // Keyed by the real path, so that two spellings of one root share one lock.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    /** What runs while the lock is held; the open lock file is handed in because the generation clock lives there. */
    interface Locked<T> {
        T run(FileChannel lockFile) throws IOException;
    }

    /** What a reader runs while no writer can act. */
    interface Reading<T> {
        T run() throws IOException;
    }

    private final Path lockFile;
    private final ReentrantLock inJvm;

    StoreLock(Path realRoot) {
        this.lockFile = realRoot.resolve(LOCK_FILE_NAME);
        this.inJvm = IN_JVM.computeIfAbsent(realRoot, root -> new ReentrantLock());
    }

    /** Runs {@code action} exclusively: no other thread or process acts on the store meanwhile. */
    <T> T hold(Locked<T> action) throws IOException {
        inJvm.lock();
        try (FileChannel channel = open(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.lock(); // released when the channel closes
            return action.run(channel);
        } finally {
            inJvm.unlock();
        }
    }

    /** Runs {@code action} while no writer acts, writing nothing itself (the lock file included). */
    <T> T holdForReading(Reading<T> action) throws IOException {
        inJvm.lock();
        try {
            Option<FileChannel> opened = openForReading();
            if (opened.isEmpty()) {
                return action.run();
            }
            try (FileChannel channel = opened.get()) {
                channel.lock(0, Long.MAX_VALUE, true);
                return action.run();
            }
        } finally {
            inJvm.unlock();
        }
    }

    private Option<FileChannel> openForReading() throws IOException {
        if (attributesOrNull() == null) {
            return Option.none();
        }
        try {
            return Option.some(open(StandardOpenOption.READ));
        } catch (NoSuchFileException | AccessDeniedException unreadable) {
            return Option.none();
        }
    }

    private FileChannel open(OpenOption... options) throws IOException {
        requireRegularFile(attributesOrNull());
        OpenOption[] noLinks = Arrays.copyOf(options, options.length + 1);
        noLinks[options.length] = LinkOption.NOFOLLOW_LINKS;
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, noLinks);
        } catch (FileSystemException e) {
            // A link or folder put there since the look above makes the open fail; say so rather than how.
            requireRegularFile(attributesOrNull());
            throw e;
        }
        try {
            requireRegularFile(attributesOrNull());
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void requireRegularFile(BasicFileAttributes attributes) throws StoreRefusal {
        if (attributes == null || attributes.isRegularFile()) {
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw new StoreRefusal(lockFile + " is a symbolic link; refusing to follow it");
        }
        throw new StoreRefusal(lockFile + " is not a regular file; refusing to use it as the store's lock");
    }

    private BasicFileAttributes attributesOrNull() throws IOException {
        try {
            return Files.readAttributes(lockFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }
}
