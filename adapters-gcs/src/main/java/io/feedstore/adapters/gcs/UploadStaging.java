package io.feedstore.adapters.gcs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local files that staged uploads are written to before they are sent, {@code feedstore-upload-<pid>-<n>.tmp}:
 * named after their process, so that the first staged upload of a run removes those of processes that died
 * (a process deletes its own when the upload ends). A killed upload leaves nothing in the bucket: an unfinished
 * resumable upload is no object, and GCS expires its session.
 */
final class UploadStaging {

    static final String PREFIX = "feedstore-upload-";

    /** Covers a process id reused at once by a new process that has not named a file yet. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /** Files named without a process id (older feedstore versions) are taken for abandoned after this long. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(?:(\\d+)-)?\\d+\\.tmp");

    private final Path folder;
    private final AtomicBoolean swept = new AtomicBoolean();
    private final AtomicLong removed = new AtomicLong();

    UploadStaging(Path folder) {
        this.folder = folder;
    }

    /** A new, empty staging file of this process; the first call removes the abandoned ones first. */
    Path create() throws IOException {
        if (swept.compareAndSet(false, true)) {
            removeAbandoned(Instant.now());
        }
        return Files.createTempFile(folder, PREFIX + ProcessHandle.current().pid() + "-", ".tmp");
    }

    /** Removes the staging files of processes that are gone; a file it cannot judge or delete stays. */
    void removeAbandoned(Instant now) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*.tmp")) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && abandoned(file, name.group(1), now)) {
                    try {
                        if (Files.deleteIfExists(file)) {
                            removed.incrementAndGet();
                        }
                    } catch (IOException notOurs) {
                        // Another user's file, or a read-only folder: it stays.
                    }
                }
            }
        } catch (IOException | RuntimeException unlistable) {
            // Cleaning up is a courtesy; an upload never fails because of it.
        }
    }

    private static boolean abandoned(Path file, String pid, Instant now) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return false;
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        if (!attributes.isRegularFile()) {
            return false;
        }
        if (pid == null) {
            return modified.isBefore(now.minus(STALE_AFTER));
        }
        boolean alive = ProcessHandle.of(Long.parseLong(pid))
                .map(ProcessHandle::isAlive)
                .orElse(false);
        return !alive && modified.isBefore(now.minus(ABANDONED_AFTER));
    }

    /** How many abandoned staging files were removed. */
    long removed() {
        return removed.get();
    }
}
