package io.feedstore.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Directory chores of the harness, never timed. */
final class Trees {

    private Trees() {}

    /**
     * A fresh copy of a store's objects at {@code to}, so that every consolidation run starts from the same input
     * state. Files are hard-linked when the file system allows it: consolidation never modifies an input in
     * place (it deletes inputs and publishes new files), so the pristine inputs stay intact, and no gigabyte of
     * dirty pages is left to be written back while the next run is timed. The store's own hidden files (its lock
     * and generation counter) are not copied: the copy starts its own.
     */
    static void copyStore(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().startsWith(".")) {
                    try {
                        Files.createLink(target, file);
                    } catch (UnsupportedOperationException | IOException e) {
                        Files.copy(file, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + to, e);
        }
    }

    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + root, e);
        }
    }

    /** Regular files below {@code root} whose names end with {@code suffix}, in path order. */
    static List<Path> files(Path root, String suffix) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = new ArrayList<>(files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList());
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long totalSize(Path root, String suffix) {
        return files(root, suffix).stream().mapToLong(Trees::size).sum();
    }
}
