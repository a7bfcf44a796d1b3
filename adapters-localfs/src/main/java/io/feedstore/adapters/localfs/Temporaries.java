package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.ContentWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hidden temporaries {@code .<name>.<random>.tmp} that content is staged in next to its object, and their
 * removal once no live writer owns them.
 *
 * <p>A writer holds an exclusive lock on its temporary from just after creating it until it has deleted it, so a
 * temporary that can be locked belongs to a writer that died (a killed process loses its locks). A lock only
 * excludes other processes, so the temporaries of this JVM's writers are also kept in a set and never probed:
 * probing opens and closes the file, and POSIX would drop the writer's lock on that close. A temporary younger
 * than {@link #ABANDONED_AFTER} is left alone, because its writer may not have locked it yet; where the file
 * system cannot lock, only temporaries older than {@link #STALE_AFTER} are removed.
 */
final class Temporaries {

    /** Covers the moment between a writer creating its temporary and locking it. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /** Without locks: no live write leaves its temporary untouched this long. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final int MAX_NAME_BYTES = 160;
    private static final Set<Path> WRITTEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final AtomicLong removed = new AtomicLong();

    /** A temporary being written or awaiting publication, locked by its writer until closed, which deletes it. */
    static final class Temporary implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;

        private Temporary(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        Path path() {
            return path;
        }

        /** Deletes the temporary if it is still there (not renamed into place), then gives up its lock. */
        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Left behind, it is removed as abandoned by a later listing.
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing only releases the lock here; the content is durable already.
            } finally {
                WRITTEN_IN_THIS_JVM.remove(path);
            }
        }
    }

    /** A durable, locked temporary next to {@code file} holding the content. */
    static Temporary write(Path file, ContentWriter content) throws IOException {
        while (true) {
            Path path = file.resolveSibling(name(file.getFileName().toString()));
            WRITTEN_IN_THIS_JVM.add(path);
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException sameRandomName) {
                continue;
            } catch (IOException | RuntimeException e) {
                WRITTEN_IN_THIS_JVM.remove(path);
                throw e;
            }
            Temporary temporary = new Temporary(path, channel);
            try {
                channel.lock();
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
                content.writeTo(out);
                out.flush();
                channel.force(true);
                return temporary;
            } catch (IOException | RuntimeException e) {
                temporary.close();
                throw e;
            }
        }
    }

    static String name(String objectName) {
        String shortened = objectName;
        // The random part must fit within the file system's name length limit (255 bytes on most).
        while (shortened.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            shortened = shortened.substring(
                    0, shortened.offsetByCodePoints(0, shortened.codePointCount(0, shortened.length()) - 1));
        }
        return "." + shortened + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
    }

    /** Removes {@code entry}, a hidden file met while listing, if it is a temporary no live writer owns. */
    void removeIfAbandoned(Path entry, BasicFileAttributes attributes, Instant now) {
        if (!entry.getFileName().toString().endsWith(".tmp")
                || !attributes.isRegularFile()
                || WRITTEN_IN_THIS_JVM.contains(entry)) {
            return;
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        if (!modified.isBefore(now.minus(ABANDONED_AFTER))) {
            return;
        }
        try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock;
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException probedByAnotherThread) {
                return;
            } catch (IOException locksUnsupported) {
                if (modified.isBefore(now.minus(STALE_AFTER))) {
                    delete(entry);
                }
                return;
            }
            if (lock != null) {
                delete(entry); // the lock is released when the channel closes, after the name is gone
            }
        } catch (NoSuchFileException gone) {
            // Published or removed meanwhile.
        } catch (IOException unreadable) {
            // Not ours to judge; a read-only store keeps its temporaries.
        }
    }

    private void delete(Path entry) {
        try {
            if (Files.deleteIfExists(entry)) {
                removed.incrementAndGet();
            }
        } catch (IOException readOnlyOrGone) {
            // A read-only store keeps its temporaries; a writable one removes them on a later listing.
        }
    }

    /** How many abandoned temporaries this store removed so far. */
    long removed() {
        return removed.get();
    }
}
