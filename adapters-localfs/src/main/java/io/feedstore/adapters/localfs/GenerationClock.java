package io.feedstore.adapters.localfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Issues the modification time a file gets just before it becomes an object: strictly greater than every stamp
 * issued before in this store, by any process. The last stamp is kept in the first eight bytes of the lock file
 * and only read and advanced while the store lock is held.
 *
 * <p>A stamp is {@code max(last + 1, wall clock)} in nanoseconds, so it stays close to real time and stays
 * ahead of every earlier stamp even if the lock file's content is lost in a crash (the wall clock has moved on).
 * A file system that keeps coarser times than nanoseconds is detected by reading the time back; stamps are then
 * spaced by that resolution, so that distinct stamps stay distinct on disk.
 */
final class GenerationClock {

    private static final long COARSEST = 2_000_000_000L; // FAT keeps two-second times

    // Guarded by the store lock.
    private long resolutionNanos = 1;

    /** Gives {@code file} a fresh stamp as its modification time; call only while holding the store lock. */
    void stamp(Path file, FileChannel lockFile) throws IOException {
        while (true) {
            long next = next(lockFile);
            Files.setLastModifiedTime(file, FileTime.from(next, TimeUnit.NANOSECONDS));
            long kept =
                    Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
            if (kept == next) {
                return;
            }
            if (resolutionNanos >= COARSEST) {
                throw new IOException("the file system does not keep the modification time " + next + " set on " + file
                        + " (it kept " + kept + "), so generations cannot be emulated");
            }
            resolutionNanos = Math.min(resolutionNanos * 1000, COARSEST);
        }
    }

    private long next(FileChannel lockFile) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        long last = 0;
        while (buffer.hasRemaining() && lockFile.read(buffer, buffer.position()) > 0) {
            // keep reading until eight bytes or end of file
        }
        if (!buffer.hasRemaining()) {
            last = buffer.flip().getLong();
        }
        Instant now = Instant.now();
        long wallClock = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        long next = roundUp(Math.max(last + 1, wallClock));
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES).putLong(next).flip();
        while (out.hasRemaining()) {
            lockFile.write(out, out.position());
        }
        return next;
    }

    private long roundUp(long nanos) {
        long remainder = nanos % resolutionNanos;
        return remainder == 0 ? nanos : nanos - remainder + resolutionNanos;
    }
}
