package io.feedstore.adapters.localfs;

import static io.feedstore.adapters.localfs.StorePaths.attributesOrNull;

import io.feedstore.adapters.localfs.Staging.Staged;
import io.feedstore.adapters.localfs.StorePaths.Base;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectAttributes;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectDetails;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.RemovesAbandonedTemporaries;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoreFailure.IoFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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
 * the lock. Listings take the lock shared (readers exclude writers, not each other), so that a listing is a
 * consistent, complete snapshot.
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
 *
 * <p>This class is the face of the port: it checks each condition and delegates to its parts, {@link StorePaths}
 * (the root, confinement, folders), {@link Staging} (staging and publishing), {@link ConsistentReads},
 * {@link Listing}, {@link Temporaries}, {@link StoreLock} and {@link GenerationClock}.
 */
public final class LocalFileSystemObjectStore implements ObjectStore, RemovesAbandonedTemporaries {

    /** Where the file system cannot lock, temporaries at least this old are taken for abandoned. */
    static final Duration STALE_TEMPORARY_AGE = Temporaries.STALE_AFTER;

    private final Path root;
    private final StorePaths paths;
    private final GenerationClock clock = new GenerationClock();
    private final Temporaries temporaries = new Temporaries();
    private final Listing listing = new Listing(temporaries);

    /** The store under {@code root}; the directory is created by the first write. */
    public LocalFileSystemObjectStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.paths = new StorePaths(this.root);
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
            Option<Base> known = paths.existing();
            if (known.isEmpty()) {
                return Either.right(List.of());
            }
            Path realRoot = known.get().realRoot();
            String path = prefix.value();
            List<String> folders = path.isEmpty()
                    ? List.of()
                    : Arrays.asList(path.substring(0, path.length() - 1).split("/"));
            Option<Path> folder = StorePaths.folder(realRoot, folders);
            if (folder.isEmpty()) {
                return Either.right(List.of());
            }
            return Either.right(known.get().lock().holdForReading(() -> listing.under(realRoot, folder.get())));
        });
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        return guard(target(key), () -> {
            Option<Base> known = paths.existing();
            Option<Path> file = known.isEmpty()
                    ? Option.none()
                    : StorePaths.locate(known.get().realRoot(), key);
            if (file.isEmpty()) {
                return Either.left(new StoreFailure.NotFound(key));
            }
            return ConsistentReads.read(key, file.get(), known.get().lock());
        });
    }

    /**
     * An open file, pinned to the generation it had when opened: an object file is never changed in place, and
     * an open file keeps its content when it is replaced or deleted under its name.
     */
    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        Objects.requireNonNull(condition, "condition");
        return openLatest(key).flatMap(condition::admit);
    }

    private Either<StoreFailure, ObjectContent> openLatest(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        return guard(target(key), () -> {
            Option<Base> known = paths.existing();
            Option<Path> file = known.isEmpty()
                    ? Option.none()
                    : StorePaths.locate(known.get().realRoot(), key);
            if (file.isEmpty()) {
                return Either.left(new StoreFailure.NotFound(key));
            }
            return ConsistentReads.open(key, file.get(), known.get().lock());
        });
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        Objects.requireNonNull(content, "content");
        return createStaged(key, ContentWriter.of(content), Option.none());
    }

    /** The attributes are kept in a hidden file next to the object, {@link ObjectSidecar}. */
    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(content, "content");
        return createStaged(key, ContentWriter.of(content), Option.of(attributes));
    }

    /** Staged in the hidden temporary next to the object, never in memory; the attributes as above. */
    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter content) {
        Objects.requireNonNull(attributes, "attributes");
        return createStaged(key, content, Option.of(attributes));
    }

    /** The creation time is the generation's stamp, which is never behind the wall clock of its write. */
    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        return guard(target(key), () -> {
            Option<Base> known = paths.existing();
            Option<Path> located = known.isEmpty()
                    ? Option.none()
                    : StorePaths.locate(known.get().realRoot(), key);
            if (located.isEmpty()) {
                return Either.left(new StoreFailure.NotFound(key));
            }
            Path file = located.get();
            // The attributes belong to the generation seen before and after reading them; else read again locked.
            for (int attempt = 0; attempt < 3; attempt++) {
                Either<StoreFailure, ObjectDetails> seen = detailsOnce(key, file);
                if (seen != null) {
                    return seen;
                }
            }
            return known.get().lock().holdForReading(() -> detailsOnce(key, file));
        });
    }

    private static Either<StoreFailure, ObjectDetails> detailsOnce(ObjectKey key, Path file) throws IOException {
        BasicFileAttributes before = attributesOrNull(file);
        if (before == null || before.isDirectory()) {
            return Either.left(new StoreFailure.NotFound(key));
        }
        StorePaths.requireObjectFile(before, file);
        Option<ObjectAttributes> kept = ObjectSidecar.read(file);
        BasicFileAttributes after = attributesOrNull(file);
        Generation generation = FileGeneration.of(before);
        if (after == null || !FileGeneration.of(after).equals(generation)) {
            return null;
        }
        Instant created = Instant.EPOCH.plusNanos(before.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        return Either.right(new ObjectDetails(
                new ObjectInfo(key, generation, before.size()), created, kept.getOrElse(ObjectAttributes.NONE)));
    }

    /** The content is staged in the hidden temporary next to the object, never in memory. */
    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter content) {
        Objects.requireNonNull(condition, "condition");
        return condition instanceof WriteCondition.IfGeneration ifGeneration
                ? replaceStaged(key, ifGeneration.expected(), content)
                : createStaged(key, content, Option.none());
    }

    private Either<StoreFailure, Generation> createStaged(
            ObjectKey key, ContentWriter content, Option<ObjectAttributes> objectAttributes) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(content, "content");
        return guard(target(key), () -> {
            Base known = paths.created();
            Option<Path> existing = StorePaths.locate(known.realRoot(), key);
            if (existing.isDefined()) {
                BasicFileAttributes attributes = attributesOrNull(existing.get());
                if (attributes != null && attributes.isRegularFile()) {
                    // Cheap early answer; the decisive check is repeated under the lock.
                    return Either.left(alreadyExists(key, attributes));
                }
            }
            try (Staged staged = Staging.stage(known.realRoot(), key, content)) {
                return known.lock().hold(lockFile -> {
                    BasicFileAttributes attributes = attributesOrNull(staged.file());
                    if (attributes != null) {
                        StorePaths.requireObjectFile(attributes, staged.file());
                        return Either.left(alreadyExists(key, attributes));
                    }
                    if (objectAttributes.isDefined()) {
                        ObjectSidecar.write(staged.file(), objectAttributes.get());
                    } else {
                        ObjectSidecar.remove(staged.file());
                    }
                    try {
                        return Either.right(Staging.publishNew(staged, clock, lockFile));
                    } catch (FileAlreadyExistsException writtenByAnotherTool) {
                        return Either.left(new StoreFailure.PreconditionFailed(key, "an object already exists"));
                    }
                });
            }
        });
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        Objects.requireNonNull(content, "content");
        return replaceStaged(key, expected, ContentWriter.of(content));
    }

    private Either<StoreFailure, Generation> replaceStaged(ObjectKey key, Generation expected, ContentWriter content) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(content, "content");
        return guard(target(key), () -> {
            Option<Base> known = paths.existing();
            Option<Path> file = known.isEmpty()
                    ? Option.none()
                    : StorePaths.locate(known.get().realRoot(), key);
            Either<StoreFailure, Done> early = file.isEmpty()
                    ? Either.left(gone(key, expected))
                    : replaceable(key, expected, file.get(), attributesOrNull(file.get()));
            if (early.isLeft()) {
                return Either.left(early.getLeft());
            }
            try (Staged staged = Staging.stage(known.get().realRoot(), key, content)) {
                return known.get().lock().hold(lockFile -> {
                    Either<StoreFailure, Done> check =
                            replaceable(key, expected, staged.file(), attributesOrNull(staged.file()));
                    if (check.isLeft()) {
                        return Either.left(check.getLeft());
                    }
                    ObjectSidecar.remove(staged.file());
                    return Either.right(Staging.publishReplacing(staged, clock, lockFile));
                });
            }
        });
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        return guard(target(key), () -> {
            Option<Base> known = paths.existing();
            Option<Path> located = known.isEmpty()
                    ? Option.none()
                    : StorePaths.locate(known.get().realRoot(), key);
            if (located.isEmpty()) {
                return Either.left(new StoreFailure.NotFound(key));
            }
            Path file = located.get();
            return known.get().lock().hold(lockFile -> {
                BasicFileAttributes attributes = attributesOrNull(file);
                if (attributes == null || attributes.isDirectory()) {
                    return Either.left(new StoreFailure.NotFound(key));
                }
                StorePaths.requireObjectFile(attributes, file);
                Generation current = FileGeneration.of(attributes);
                if (!current.equals(expected)) {
                    return Either.left(changed(key, expected, current));
                }
                Files.delete(file);
                ObjectSidecar.remove(file);
                StorePaths.fsyncDirectory(file.getParent());
                StorePaths.removeEmptyFolders(known.get().realRoot(), file.getParent());
                return Either.right(Done.DONE);
            });
        });
    }

    static String temporaryName(String name) {
        return Temporaries.name(name);
    }

    private static Either<StoreFailure, Done> replaceable(
            ObjectKey key, Generation expected, Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes == null || attributes.isDirectory()) {
            return Either.left(gone(key, expected));
        }
        StorePaths.requireObjectFile(attributes, file);
        Generation current = FileGeneration.of(attributes);
        return current.equals(expected) ? Either.right(Done.DONE) : Either.left(changed(key, expected, current));
    }

    private static StoreFailure alreadyExists(ObjectKey key, BasicFileAttributes attributes) {
        return new StoreFailure.PreconditionFailed(
                key, "an object already exists (generation " + FileGeneration.of(attributes) + ")");
    }

    private static StoreFailure gone(ObjectKey key, Generation expected) {
        return new StoreFailure.PreconditionFailed(key, "expected generation " + expected + " but there is no object");
    }

    private static StoreFailure changed(ObjectKey key, Generation expected, Generation current) {
        return new StoreFailure.PreconditionFailed(key, "expected generation " + expected + " but found " + current);
    }

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
            return Either.left(new IoFailure(
                    target,
                    "the key cannot be a file name here (" + unencodable.getMessage()
                            + "); file names are encoded as " + System.getProperty("sun.jnu.encoding")
                            + ", run with a UTF-8 locale such as LANG=C.UTF-8",
                    Option.of(unencodable)));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Either.left(
                    new IoFailure(target, e.getClass().getSimpleName() + ": " + e.getMessage(), Option.of(e)));
        }
    }
}
