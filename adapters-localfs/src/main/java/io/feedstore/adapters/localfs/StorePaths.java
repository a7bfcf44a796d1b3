package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where things are in the store's directory, confined to it: the root once it exists, each key's file reached
 * segment by segment without following links, folders made on demand and removed when a delete empties them.
 */
final class StorePaths {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** The root as it is on disk, once it exists, and the lock of that root. */
    record Base(Path realRoot, StoreLock lock) {}

    private final Path root;
    private volatile Base base;

    StorePaths(Path root) {
        this.root = root;
    }

    /** The existing root; none while it does not exist. */
    Option<Base> existing() throws IOException {
        return base(false);
    }

    /** The root, created if missing. */
    Base created() throws IOException {
        return base(true).get();
    }

    private Option<Base> base(boolean create) throws IOException {
        Base known = base;
        if (known != null) {
            return Option.some(known);
        }
        if (!Files.isDirectory(root)) {
            // Checked again: another instance may have just created the root between the two looks.
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
                throw new StoreRefusal("the store root " + root + " is not a directory");
            }
            if (!create) {
                return Option.none();
            }
            Files.createDirectories(root);
        }
        Path realRoot = root.toRealPath();
        known = new Base(realRoot, new StoreLock(realRoot));
        base = known;
        return Option.some(known);
    }

    /** Where the key's file is; none when a folder on the way is missing or is an object. */
    static Option<Path> locate(Path realRoot, ObjectKey key) throws IOException {
        return locate(realRoot, key, false);
    }

    /** Where the key's file goes, making the missing folders on the way. */
    static Path locateCreating(Path realRoot, ObjectKey key) throws IOException {
        return locate(realRoot, key, true).get();
    }

    private static Option<Path> locate(Path realRoot, ObjectKey key, boolean create) throws IOException {
        List<String> segments = Arrays.asList(key.value().split("/"));
        Option<Path> folder = folder(realRoot, segments.subList(0, segments.size() - 1), create);
        if (folder.isEmpty()) {
            return Option.none();
        }
        Path file = folder.get().resolve(segments.get(segments.size() - 1));
        // Keys cannot hold '..' or '/', but the check costs nothing and states the invariant.
        if (!file.normalize().startsWith(realRoot) || !folder.get().equals(file.getParent())) {
            throw new StoreRefusal(file + " is outside the store root " + realRoot);
        }
        return Option.some(file);
    }

    /** The existing folder at {@code segments} under the root; none when a segment is missing or is an object. */
    static Option<Path> folder(Path realRoot, List<String> segments) throws IOException {
        return folder(realRoot, segments, false);
    }

    /**
     * The folder at {@code segments} under the root, checked segment by segment without following links; none
     * when a segment is missing or is an object, unless {@code create}, which makes missing folders.
     */
    private static Option<Path> folder(Path realRoot, List<String> segments, boolean create) throws IOException {
        Path folder = realRoot;
        for (String segment : segments) {
            Path next = folder.resolve(segment);
            BasicFileAttributes attributes = attributesOrNull(next);
            if (attributes == null) {
                if (!create) {
                    return Option.none();
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
                    return Option.none();
                }
                throw new StoreRefusal("'" + realRoot.relativize(next) + "' is an object, so no key can lie beneath"
                        + " it on a file system");
            }
            folder = next;
        }
        return Option.some(folder);
    }

    /** The key of a file under the root; none for a name no key can have (placed there by another tool). */
    static Option<ObjectKey> keyOf(Path realRoot, Path file) {
        List<String> segments = new ArrayList<>();
        realRoot.relativize(file).forEach(segment -> segments.add(segment.toString()));
        try {
            return Option.some(ObjectKey.of(String.join("/", segments)));
        } catch (IllegalArgumentException notAKey) {
            return Option.none();
        }
    }

    /** Removes folders a delete left empty, up to the root; a folder holding anything (a temporary too) stays. */
    static void removeEmptyFolders(Path realRoot, Path folder) {
        for (Path current = folder;
                current != null && !current.equals(realRoot) && current.startsWith(realRoot);
                current = current.getParent()) {
            try {
                Files.delete(current);
                fsyncDirectory(current.getParent());
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }

    static void requireObjectFile(BasicFileAttributes attributes, Path file) throws StoreRefusal {
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

    /** The attributes of {@code path} itself (a link is not followed), or null when nothing is there. */
    static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    static BasicFileAttributes attributes(Path path) throws IOException {
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
}
