package io.feedstore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A directory tree made read-only for this process, as a read-only mount or a snapshot is, until closed.
 *
 * <p>Permission bits do not stop root, and tests often run as root (in containers): there the tree is made
 * immutable ({@code chattr +i}), which stops root too. Either way the tree is first proven read-only by a write
 * that must fail; where neither way works the test is aborted (reported as skipped), never passed unproven.
 */
public final class ReadOnlyTree implements AutoCloseable {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path root;

    private ReadOnlyTree(Path root) {
        this.root = root;
    }

    /** Makes every folder and file under {@code root} (itself included) unwritable. */
    public static ReadOnlyTree of(Path root) {
        ReadOnlyTree tree = new ReadOnlyTree(root);
        try {
            if (ROOT) {
                tree.chattr("+i");
            } else {
                for (Path path : tree.paths()) {
                    Files.setPosixFilePermissions(
                            path,
                            PosixFilePermissions.fromString(
                                    Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "r-xr-xr-x" : "r--r--r--"));
                }
            }
            tree.proveReadOnly();
            return tree;
        } catch (IOException | RuntimeException e) {
            tree.close();
            return Assumptions.abort("cannot make " + root + " read-only here (" + e.getMessage() + ")");
        }
    }

    private void proveReadOnly() throws IOException {
        Path probe = root.resolve(".read-only-probe");
        try {
            Files.createFile(probe);
        } catch (IOException refused) {
            return;
        }
        Files.delete(probe);
        throw new IOException("a file could still be created in it");
    }

    private List<Path> paths() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> !Files.isSymbolicLink(path)).toList();
        }
    }

    private void chattr(String change) throws IOException {
        Process process = new ProcessBuilder("chattr", "-R", change, root.toString())
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("chattr " + change + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running chattr", e);
        }
    }

    /** Makes the tree writable again (so that it can be deleted). */
    @Override
    public void close() {
        try {
            if (ROOT) {
                chattr("-i");
            } else {
                for (Path path : paths()) {
                    Files.setPosixFilePermissions(
                            path,
                            PosixFilePermissions.fromString(
                                    Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
