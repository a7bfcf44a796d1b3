package io.feedstore.adapters.localfs;

import static io.feedstore.adapters.localfs.StorePaths.attributesOrNull;

import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The objects under a folder, in key order: regular files whose path is a key. Hidden names (temporaries, the
 * lock file), links and special files are not objects; abandoned temporaries met on the way are removed.
 */
final class Listing {

    private final Temporaries temporaries;

    Listing(Temporaries temporaries) {
        this.temporaries = temporaries;
    }

    /** Call while holding the store lock (for reading at least), so that the listing is one snapshot. */
    List<ObjectInfo> under(Path realRoot, Path folder) throws IOException {
        List<ObjectInfo> listing = new ArrayList<>();
        walk(realRoot, folder, Instant.now(), listing);
        listing.sort(Comparator.comparing(ObjectInfo::key));
        return List.copyOf(listing);
    }

    private void walk(Path realRoot, Path folder, Instant now, List<ObjectInfo> listing) throws IOException {
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
                Option<ObjectKey> key = StorePaths.keyOf(realRoot, entry);
                key.forEach(k -> listing.add(new ObjectInfo(k, FileGeneration.of(attributes), attributes.size())));
            }
            // Symbolic links and special files are not objects.
        }
    }
}
