package io.feedstore.adapters.localfs;

import static io.feedstore.adapters.localfs.StorePaths.attributesOrNull;
import static io.feedstore.adapters.localfs.StorePaths.requireObjectFile;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads without taking the lock: the attributes, the content (or an open channel), the attributes again, retried
 * unless both agree; equal tokens mean the same file was at the key throughout, so content and generation belong
 * together. A file replaced faster than it can be read, over and over, is read while no writer can act.
 */
final class ConsistentReads {

    // Bounds the retries of a read racing with replacements.
    private static final int ATTEMPTS = 20;

    private ConsistentReads() {}

    /** One try: settled (the object, or why there is none), or the file changed meanwhile. */
    sealed interface Attempt<T> {
        record Settled<T>(Either<StoreFailure, T> outcome) implements Attempt<T> {}

        record ChangedMeanwhile<T>() implements Attempt<T> {}
    }

    private interface Try<T> {
        Attempt<T> once() throws IOException;
    }

    static Either<StoreFailure, StoredObject> read(ObjectKey key, Path file, StoreLock lock) throws IOException {
        return consistently(() -> readOnce(key, file), lock, file + " keeps changing while being read");
    }

    /**
     * An open file, pinned to the generation it had when opened: an object file is never changed in place, and
     * an open file keeps its content when it is replaced or deleted under its name.
     */
    static Either<StoreFailure, ObjectContent> open(ObjectKey key, Path file, StoreLock lock) throws IOException {
        return consistently(() -> openOnce(key, file), lock, file + " keeps changing while being opened");
    }

    private static <T> Either<StoreFailure, T> consistently(Try<T> attempt, StoreLock lock, String keepsChanging)
            throws IOException {
        for (int i = 0; i < ATTEMPTS; i++) {
            if (attempt.once() instanceof Attempt.Settled<T> settled) {
                return settled.outcome();
            }
        }
        // Replaced faster than it could be read, over and over: read it while no feedstore process can write.
        if (lock.holdForReading(attempt::once) instanceof Attempt.Settled<T> settled) {
            return settled.outcome();
        }
        throw new StoreRefusal(keepsChanging + ", though the store is locked (is another tool writing to it?)");
    }

    private static Attempt<StoredObject> readOnce(ObjectKey key, Path file) throws IOException {
        BasicFileAttributes before = attributesOrNull(file);
        if (before == null || before.isDirectory()) {
            return new Attempt.Settled<>(Either.left(new StoreFailure.NotFound(key)));
        }
        requireObjectFile(before, file);
        byte[] content;
        try {
            content = readFully(file);
        } catch (NoSuchFileException deletedMeanwhile) {
            return new Attempt.ChangedMeanwhile<>();
        }
        BasicFileAttributes after = attributesOrNull(file);
        Generation generation = FileGeneration.of(before);
        if (after == null
                || !after.isRegularFile()
                || !generation.equals(FileGeneration.of(after))
                || content.length != before.size()) {
            return new Attempt.ChangedMeanwhile<>();
        }
        return new Attempt.Settled<>(Either.right(new StoredObject(key, generation, content)));
    }

    private static Attempt<ObjectContent> openOnce(ObjectKey key, Path file) throws IOException {
        BasicFileAttributes before = attributesOrNull(file);
        if (before == null || before.isDirectory()) {
            return new Attempt.Settled<>(Either.left(new StoreFailure.NotFound(key)));
        }
        requireObjectFile(before, file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException deletedMeanwhile) {
            return new Attempt.ChangedMeanwhile<>();
        }
        try {
            BasicFileAttributes after = attributesOrNull(file);
            Generation generation = FileGeneration.of(before);
            // Equal tokens before and after opening mean the channel holds the file that has this generation.
            if (after == null
                    || !after.isRegularFile()
                    || !generation.equals(FileGeneration.of(after))
                    || channel.size() != before.size()) {
                channel.close();
                return new Attempt.ChangedMeanwhile<>();
            }
            return new Attempt.Settled<>(Either.right(new FileContent(key, generation, before.size(), channel)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** One generation of an object, read from the open file with positional reads. */
    private record FileContent(ObjectKey key, Generation generation, long size, FileChannel channel)
            implements ObjectContent {

        @Override
        public void readFully(long position, byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (position < 0 || position + length > size) {
                throw new EOFException(
                        "cannot read " + length + " bytes at " + position + " of " + key + " (" + size + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(target, offset, length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position() - offset) < 0) {
                    throw new EOFException(key + " ended before its size of " + size + " bytes");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static byte[] readFully(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(file + " is too large to read into memory (" + size + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full; an object file never changes, so its size is final
            }
            return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
        }
    }
}
