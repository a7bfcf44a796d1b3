package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.RemovesAbandonedTemporaries;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoreFailure.IoFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The object-store port on a local directory (the development store, {@code file:PATH}). An object is a regular
 * file under the root; the segments of its key are folders. Several adapter instances, threads and feedstore
 * processes may use one directory at once.
 *
 * <p><b>Atomic, complete objects.</b> Content is written to a hidden temporary file {@code .<name>.<random>.tmp}
 * in the object's folder and fsynced; only then is it published under its name, by a hard link (create-if-absent:
 * the link fails if the name exists) or an atomic rename (replace), and the folder is fsynced. A reader therefore
 * sees a whole object or none. An object file is never modified in place and, once replaced or deleted, never
 * comes back under any name. Names starting with '.' (temporaries, the lock file) are never listed; keys cannot
 * have such segments. A writer keeps its temporary locked until it is gone, so a temporary that can be locked
 * (and is older than a minute) is the left-over of a killed process: listing removes it and counts it
 * ({@link Temporaries}).
 *
 * <p><b>Race-free conditions across processes.</b> Every check-and-act (create-if-absent, replace-if-unchanged,
 * delete-if-unchanged) runs while holding {@link StoreLock}: an in-JVM lock plus an exclusive file lock on
 * {@code .feedstore.lock} at the root. The slow part, writing and fsyncing the content, happens before, outside
 * the lock. Listings take the lock too, so that a listing is a consistent, complete snapshot.
 *
 * <p><b>Generations, and why they cannot repeat (no ABA).</b> A generation is {@code stamp-identity-size}, read
 * from the file's attributes: its modification time, its device and inode, its size. The stamp is set by this
 * adapter, under the lock, just before publication, from {@link GenerationClock}: a counter kept in the lock file
 * that is strictly greater than every stamp issued before in this store by any process (and never behind the wall
 * clock, so it keeps growing even if a crash loses the counter). Every successful write publishes a fresh file
 * with a fresh stamp, and a file is never published twice, so two files that were ever at a key never share a
 * stamp, even when the file system reuses an inode after a delete. A conditional call compares the expected token
 * with the one read under the lock, so it can only succeed on the very file its caller saw. Reads take no lock:
 * they read the attributes, the content, and the attributes again, and retry unless both agree; equal tokens mean
 * the same file was at the key throughout, so content and generation belong together. Changing a file's
 * modification time from outside (touch, copying without preserving times) changes its generation, which only
 * makes conditional calls fail safely.
 *
 * <p><b>Folders.</b> Folders are created on demand (each new folder fsynced into its parent) and, best effort,
 * removed under the lock when a delete leaves them empty. A writer creates its folder and temporary outside the
 * lock; if a concurrent delete removed the just-created, still empty folder in between, the writer makes it again
 * and retries, so a create never fails because of a cleanup. A folder holding a temporary is never empty.
 *
 * <p><b>What is refused</b> (as an {@link IoFailure} naming the store and key): a key whose path crosses a symbolic
 * link (a segment, or the object itself, being a link) could leave the root, so links are never followed inside the
 * store (the root itself may be a link) and are never listed; a key beneath another object ({@code a/b/c} while
 * {@code a/b} is an object) or naming a folder of other objects cannot exist on a file system, unlike on GCS; and a
 * key the JVM cannot encode as a file name (non-UTF-8 locale). Writers need the root writable, for the lock file;
 * readers write nothing and also read a read-only store ({@link StoreLock}).
 */
public final class LocalFileSystemObjectStore implements ObjectStore, RemovesAbandonedTemporaries {

    /** Where the file system cannot lock, temporaries at least this old are taken for abandoned. */
    static final Duration STALE_TEMPORARY_AGE = Temporaries.STALE_AFTER;

    // Bounds the retries of a read racing with replacements and of a write racing with folder cleanup.
    private static final int ATTEMPTS = 20;
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path root;
    private final GenerationClock clock = new GenerationClock();
    private final Temporaries temporaries = new Temporaries();
    private volatile Base base;

    /** The store under {@code root}; the directory is created by the first write. */
    public LocalFileSystemObjectStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The directory the objects live under, as given (absolute). */
    public Path root() {
        return root;
    }

    @Override
    public long abandonedTemporariesRemoved() {
        return temporaries.removed();
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return guard(describe() + " prefix '" + prefix + "'", () -> {
            Base known = base(false);
            if (known == null) {
                return Either.right(List.of());
            }
            String path = prefix.value();
            List<String> folders = path.isEmpty() ? List.of()
                    : Arrays.asList(path.substring(0, path.length() - 1).split("/"));
            Path folder = folder(known.realRoot(), folders, false);
            if (folder == null) {
                return Either.right(List.of());
            }
            return known.lock().holdForReading(() -> {
                List<ObjectInfo> listing = new ArrayList<>();
                walk(known.realRoot(), folder, Instant.now(), listing);
                listing.sort(Comparator.comparing(ObjectInfo::key));
                return Either.right(List.copyOf(listing));
            });
        });
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        return guard(target(key), () -> {
            Base known = base(false);
            Path file = known == null ? null : locate(known.realRoot(), key, false);
            if (file == null) {
                return Either.left(new StoreFailure.NotFound(key));
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Either<StoreFailure, StoredObject> read = readConsistently(key, file);
                if (read != null) {
                    return read;
                }
            }
            // Replaced faster than it could be read, over and over: read it while no feedstore process can write.
            Either<StoreFailure, StoredObject> locked = known.lock().holdForReading(() -> readConsistently(key, file));
            if (locked == null) {
                throw new StoreRefusal(file + " keeps changing while being read, though the store is locked"
                        + " (is another tool writing to it?)");
            }
            return locked;
        });
    }

    /**
     * An open file, pinned to the generation it had when opened: an object file is never changed in place, and
     * an open file keeps its content when it is replaced or deleted under its name.
     */
    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        return guard(target(key), () -> {
            Base known = base(false);
            Path file = known == null ? null : locate(known.realRoot(), key, false);
            if (file == null) {
                return Either.left(new StoreFailure.NotFound(key));
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Either<StoreFailure, ObjectContent> opened = openConsistently(key, file);
                if (opened != null) {
                    return opened;
                }
            }
            Either<StoreFailure, ObjectContent> locked = known.lock().holdForReading(() -> openConsistently(key, file));
            if (locked == null) {
                throw new StoreRefusal(file + " keeps changing while being opened, though the store is locked"
                        + " (is another tool writing to it?)");
            }
            return locked;
        });
    }

    /** Opens each file (one descriptor per object until it is closed); nothing is read into memory. */
    @Override
    public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
        Map<ObjectKey, Either<StoreFailure, ObjectContent>> outcomes = new LinkedHashMap<>();
        for (ObjectKey key : keys) {
            outcomes.computeIfAbsent(key, this::open);
        }
        return outcomes;
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        Objects.requireNonNull(content, "content");
        return createIfAbsentFrom(key, ContentWriter.of(content));
    }

    /** The content is staged in the hidden temporary next to the object, never in memory. */
    @Override
    public Either<StoreFailure, Generation> createIfAbsentFrom(ObjectKey key, ContentWriter content) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(content, "content");
        return guard(target(key), () -> {
            Base known = base(true);
            Path existing = locate(known.realRoot(), key, false);
            if (existing != null) {
                BasicFileAttributes attributes = attributesOrNull(existing);
                if (attributes != null && attributes.isRegularFile()) {
                    // Cheap early answer; the decisive check is repeated under the lock.
                    return Either.left(alreadyExists(key, attributes));
                }
            }
            Staged staged = stage(known.realRoot(), key, content);
            try {
                return known.lock().hold(lockFile -> {
                    BasicFileAttributes attributes = attributesOrNull(staged.file());
                    if (attributes != null) {
                        requireObjectFile(attributes, staged.file());
                        return Either.left(alreadyExists(key, attributes));
                    }
                    clock.stamp(staged.temporary().path(), lockFile);
                    try {
                        publishNew(staged);
                    } catch (FileAlreadyExistsException writtenByAnotherTool) {
                        return Either.left(new StoreFailure.PreconditionFailed(key, "an object already exists"));
                    }
                    fsyncDirectory(staged.file().getParent());
                    return Either.right(FileGeneration.of(attributes(staged.file())));
                });
            } finally {
                staged.temporary().close();
            }
        });
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        Objects.requireNonNull(content, "content");
        return replaceIfUnchangedFrom(key, expected, ContentWriter.of(content));
    }

    /** The content is staged in the hidden temporary next to the object, never in memory. */
    @Override
    public Either<StoreFailure, Generation> replaceIfUnchangedFrom(ObjectKey key, Generation expected,
                                                                   ContentWriter content) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(content, "content");
        return guard(target(key), () -> {
            Base known = base(false);
            Path file = known == null ? null : locate(known.realRoot(), key, false);
            Either<StoreFailure, Done> early = file == null ? Either.left(gone(key, expected))
                    : replaceable(key, expected, file, attributesOrNull(file));
            if (early.isLeft()) {
                return Either.left(early.getLeft());
            }
            Staged staged = stage(known.realRoot(), key, content);
            try {
                return known.lock().hold(lockFile -> {
                    Either<StoreFailure, Done> check =
                            replaceable(key, expected, staged.file(), attributesOrNull(staged.file()));
                    if (check.isLeft()) {
                        return Either.left(check.getLeft());
                    }
                    clock.stamp(staged.temporary().path(), lockFile);
                    Files.move(staged.temporary().path(), staged.file(), StandardCopyOption.ATOMIC_MOVE);
                    fsyncDirectory(staged.file().getParent());
                    return Either.right(FileGeneration.of(attributes(staged.file())));
                });
            } finally {
                staged.temporary().close();
            }
        });
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        return guard(target(key), () -> {
            Base known = base(false);
            Path file = known == null ? null : locate(known.realRoot(), key, false);
            if (file == null) {
                return Either.left(new StoreFailure.NotFound(key));
            }
            return known.lock().hold(lockFile -> {
                BasicFileAttributes attributes = attributesOrNull(file);
                if (attributes == null || attributes.isDirectory()) {
                    return Either.left(new StoreFailure.NotFound(key));
                }
                requireObjectFile(attributes, file);
                Generation current = FileGeneration.of(attributes);
                if (!current.equals(expected)) {
                    return Either.left(changed(key, expected, current));
                }
                Files.delete(file);
                fsyncDirectory(file.getParent());
                removeEmptyFolders(known.realRoot(), file.getParent());
                return Either.right(Done.DONE);
            });
        });
    }

    // ---- reading

    /** The object as one file had it, or null when the file changed while being read. */
    private static Either<StoreFailure, StoredObject> readConsistently(ObjectKey key, Path file) throws IOException {
        BasicFileAttributes before = attributesOrNull(file);
        if (before == null || before.isDirectory()) {
            return Either.left(new StoreFailure.NotFound(key));
        }
        requireObjectFile(before, file);
        byte[] content;
        try {
            content = readFully(file);
        } catch (NoSuchFileException deletedMeanwhile) {
            return null;
        }
        BasicFileAttributes after = attributesOrNull(file);
        Generation generation = FileGeneration.of(before);
        if (after == null || !after.isRegularFile() || !generation.equals(FileGeneration.of(after))
                || content.length != before.size()) {
            return null;
        }
        return Either.right(new StoredObject(key, generation, content));
    }

    /** The file opened, if it kept one generation from before opening to after; null when it changed meanwhile. */
    private static Either<StoreFailure, ObjectContent> openConsistently(ObjectKey key, Path file) throws IOException {
        BasicFileAttributes before = attributesOrNull(file);
        if (before == null || before.isDirectory()) {
            return Either.left(new StoreFailure.NotFound(key));
        }
        requireObjectFile(before, file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException deletedMeanwhile) {
            return null;
        }
        try {
            BasicFileAttributes after = attributesOrNull(file);
            Generation generation = FileGeneration.of(before);
            // Equal tokens before and after opening mean the channel holds the file that has this generation.
            if (after == null || !after.isRegularFile() || !generation.equals(FileGeneration.of(after))
                    || channel.size() != before.size()) {
                channel.close();
                return null;
            }
            return Either.right(new FileContent(key, generation, before.size(), channel));
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
                throw new java.io.EOFException("cannot read " + length + " bytes at " + position + " of " + key
                        + " (" + size + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(target, offset, length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position() - offset) < 0) {
                    throw new java.io.EOFException(key + " ended before its size of " + size + " bytes");
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

    // ---- listing

    private void walk(Path realRoot, Path folder, Instant now, List<ObjectInfo> listing)
            throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException | NotDirectoryException removedByAnotherTool) {
            return;
        }
        for (Path entry : entries) {
            BasicFileAttributes attributes = attributesOrNull(entry);
            if (attributes == null) {
                continue;
            }
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                temporaries.removeIfAbandoned(entry, attributes, now);
            } else if (attributes.isDirectory()) {
                walk(realRoot, entry, now, listing);
            } else if (attributes.isRegularFile()) {
                ObjectKey key = keyOf(realRoot, entry);
                if (key != null) {
                    listing.add(new ObjectInfo(key, FileGeneration.of(attributes), attributes.size()));
                }
            }
            // Symbolic links and special files are not objects.
        }
    }

    /** The key of a file under the root, or null for a name no key can have (placed there by another tool). */
    private static ObjectKey keyOf(Path realRoot, Path file) {
        List<String> segments = new ArrayList<>();
        realRoot.relativize(file).forEach(segment -> segments.add(segment.toString()));
        try {
            return ObjectKey.of(String.join("/", segments));
        } catch (IllegalArgumentException notAKey) {
            return null;
        }
    }

    // ---- writing

    /** A durable temporary file holding the content, next to where the object goes. */
    private record Staged(Path file, Temporaries.Temporary temporary) {}

    private static Staged stage(Path realRoot, ObjectKey key, ContentWriter content) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Path file = locate(realRoot, key, true);
                return new Staged(file, Temporaries.write(file, content));
            } catch (NoSuchFileException folderRemoved) {
                // A delete removed a folder while it was still empty, between its creation and this write.
                if (attempt >= ATTEMPTS) {
                    throw folderRemoved;
                }
            }
        }
    }

    static String temporaryName(String name) {
        return Temporaries.name(name);
    }

    /** Links the temporary under the object's name, failing if the name exists; renames where links are missing. */
    private static void publishNew(Staged staged) throws IOException {
        try {
            Files.createLink(staged.file(), staged.temporary().path());
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            // Under the store lock and after the absence check, a rename is as safe as a link.
            Files.move(staged.temporary().path(), staged.file(), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    // ---- preconditions

    private static Either<StoreFailure, Done> replaceable(ObjectKey key, Generation expected, Path file,
            BasicFileAttributes attributes) throws IOException {
        if (attributes == null || attributes.isDirectory()) {
            return Either.left(gone(key, expected));
        }
        requireObjectFile(attributes, file);
        Generation current = FileGeneration.of(attributes);
        return current.equals(expected) ? Either.right(Done.DONE) : Either.left(changed(key, expected, current));
    }

    private static StoreFailure alreadyExists(ObjectKey key, BasicFileAttributes attributes) {
        return new StoreFailure.PreconditionFailed(key,
                "an object already exists (generation " + FileGeneration.of(attributes) + ")");
    }

    private static StoreFailure gone(ObjectKey key, Generation expected) {
        return new StoreFailure.PreconditionFailed(key, "expected generation " + expected + " but there is no object");
    }

    private static StoreFailure changed(ObjectKey key, Generation expected, Generation current) {
        return new StoreFailure.PreconditionFailed(key, "expected generation " + expected + " but found " + current);
    }

    private static void requireObjectFile(BasicFileAttributes attributes, Path file) throws StoreRefusal {
        if (attributes.isSymbolicLink()) {
            throw new StoreRefusal(file + " is a symbolic link; links are not followed inside the store");
        }
        if (attributes.isDirectory()) {
            throw new StoreRefusal(file + " is a folder of other objects, so no object can have its name");
        }
        if (!attributes.isRegularFile()) {
            throw new StoreRefusal(file + " is not a regular file");
        }
    }

    // ---- paths and folders

    /** The root as it is on disk, once it exists. */
    private record Base(Path realRoot, StoreLock lock) {}

    /** The existing root; null when it does not exist and {@code create} is false. */
    private Base base(boolean create) throws IOException {
        Base known = base;
        if (known != null) {
            return known;
        }
        if (!Files.isDirectory(root)) {
            // Checked again: another instance may have just created the root between the two looks.
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
                throw new StoreRefusal("the store root " + root + " is not a directory");
            }
            if (!create) {
                return null;
            }
            Files.createDirectories(root);
        }
        Path realRoot = root.toRealPath();
        known = new Base(realRoot, new StoreLock(realRoot));
        base = known;
        return known;
    }

    /** Where the key's file is (or goes); null, unless {@code create}, when a folder on the way is missing. */
    private static Path locate(Path realRoot, ObjectKey key, boolean create) throws IOException {
        List<String> segments = Arrays.asList(key.value().split("/"));
        Path folder = folder(realRoot, segments.subList(0, segments.size() - 1), create);
        if (folder == null) {
            return null;
        }
        Path file = folder.resolve(segments.get(segments.size() - 1));
        // Keys cannot hold '..' or '/', but the check costs nothing and states the invariant.
        if (!file.normalize().startsWith(realRoot) || !folder.equals(file.getParent())) {
            throw new StoreRefusal(file + " is outside the store root " + realRoot);
        }
        return file;
    }

    /**
     * The folder at {@code segments} under the root, checked segment by segment without following links; null
     * when a segment is missing or is an object, unless {@code create}, which makes missing folders.
     */
    private static Path folder(Path realRoot, List<String> segments, boolean create) throws IOException {
        Path folder = realRoot;
        for (String segment : segments) {
            Path next = folder.resolve(segment);
            BasicFileAttributes attributes = attributesOrNull(next);
            if (attributes == null) {
                if (!create) {
                    return null;
                }
                try {
                    Files.createDirectory(next);
                    fsyncDirectory(folder);
                } catch (FileAlreadyExistsException createdMeanwhile) {
                    // Another writer made it; inspected below like any existing entry.
                }
                attributes = attributesOrNull(next);
                if (attributes == null) {
                    throw new NoSuchFileException(next.toString(), null, "folder removed while being created");
                }
            }
            if (attributes.isSymbolicLink()) {
                throw new StoreRefusal(next + " is a symbolic link; links are not followed inside the store");
            }
            if (!attributes.isDirectory()) {
                if (!create) {
                    return null;
                }
                throw new StoreRefusal("'" + realRoot.relativize(next) + "' is an object, so no key can lie beneath it"
                        + " on a file system");
            }
            folder = next;
        }
        return folder;
    }

    /** Removes folders a delete left empty, up to the root; a folder holding anything (a temporary too) stays. */
    private static void removeEmptyFolders(Path realRoot, Path folder) {
        for (Path current = folder; current != null && !current.equals(realRoot) && current.startsWith(realRoot);
                current = current.getParent()) {
            try {
                Files.delete(current);
                fsyncDirectory(current.getParent());
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }

    // ---- file system primitives

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Makes a folder's entries (a new, renamed or deleted name) durable. */
    static void fsyncDirectory(Path folder) throws IOException {
        if (WINDOWS) {
            return; // directories cannot be opened there; NTFS journals names itself
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    // ---- failures

    private String target(ObjectKey key) {
        return describe() + " key '" + key + "'";
    }

    private interface Body<T> {
        Either<StoreFailure, T> run() throws IOException;
    }

    private static <T> Either<StoreFailure, T> guard(String target, Body<T> body) {
        try {
            return body.run();
        } catch (StoreRefusal refused) {
            return Either.left(new IoFailure(target, refused.getMessage(), Option.none()));
        } catch (InvalidPathException unencodable) {
            return Either.left(new IoFailure(target, "the key cannot be a file name here (" + unencodable.getMessage()
                    + "); file names are encoded as " + System.getProperty("sun.jnu.encoding")
                    + ", run with a UTF-8 locale such as LANG=C.UTF-8", Option.of(unencodable)));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Either.left(new IoFailure(target, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Option.of(e)));
        }
    }
}
