package io.feedstore.adapters.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporaries left by writers that died are removed by the next listing and counted; a live writer's temporary
 * is never removed, however old it looks.
 */
class AbandonedTemporariesTest {

    private static final ObjectKey KEY =
            ObjectKey.of("silver_normalized/source=rss/release_date=2025-01-14/Ærø – consolidated.parquet");

    @TempDir
    Path directory;

    private Path root() {
        return directory.resolve("store");
    }

    @Test
    void aTemporaryOfALiveWriterInThisProcessIsNeverRemovedHoweverOld() throws Exception {
        LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(root());
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Either<StoreFailure, Generation>> writing =
                CompletableFuture.supplyAsync(() -> store.write(KEY, WriteCondition.ifAbsent(), out -> {
                    out.write(bytes(StallingWriter.HALF));
                    out.flush();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    out.write(bytes(StallingWriter.REST));
                }));
        Path temporary = awaitTemporary();
        age(temporary, Temporaries.STALE_AFTER.plusHours(1));

        LocalFileSystemObjectStore another = new LocalFileSystemObjectStore(root());
        assertThat(another.list(KeyPrefix.ROOT).get()).isEmpty();
        assertThat(store.list(KeyPrefix.ROOT).get()).isEmpty();

        assertThat(temporary).exists();
        assertThat(another.abandonedTemporariesRemoved() + store.abandonedTemporariesRemoved())
                .isZero();
        go.countDown();
        assertThat(writing.get(30, TimeUnit.SECONDS).isRight()).isTrue();
        assertThat(store.read(KEY).get().content()).isEqualTo(bytes(StallingWriter.HALF + StallingWriter.REST));
        assertThat(temporaries()).isEmpty();
    }

    @Test
    void aTemporaryOfALiveWriterInAnotherProcessIsNeverRemovedHoweverOld() throws Exception {
        Path go = directory.resolve("go");
        Process writer = stallingWriter(go);
        try {
            Path temporary = awaitTemporary();
            age(temporary, Temporaries.STALE_AFTER.plusHours(1));
            LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(root());

            assertThat(store.list(KeyPrefix.ROOT).get()).isEmpty();

            assertThat(temporary).exists();
            assertThat(store.abandonedTemporariesRemoved()).isZero();
            Files.createFile(go);
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).isZero();
            assertThat(store.read(KEY).get().content()).isEqualTo(bytes(StallingWriter.HALF + StallingWriter.REST));
            assertThat(temporaries()).isEmpty();
        } finally {
            writer.destroyForcibly();
        }
    }

    @Test
    void theTemporaryOfAKilledWriterIsRemovedByTheNextListingOnceOlderThanTheBoundAndCounted() throws Exception {
        Process writer = stallingWriter(directory.resolve("never"));
        Path temporary = awaitTemporary();
        writer.destroyForcibly();
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(root());

        assertThat(store.list(KeyPrefix.ROOT).get()).isEmpty();
        assertThat(temporary)
                .as("too young to tell from a writer that has not locked it yet")
                .exists();

        age(temporary, Temporaries.ABANDONED_AFTER.plusSeconds(5));
        assertThat(store.list(KeyPrefix.ROOT).get()).isEmpty();

        assertThat(temporary).doesNotExist();
        assertThat(store.abandonedTemporariesRemoved()).isEqualTo(1);
        assertThat(store.createIfAbsent(KEY, bytes(StallingWriter.REST)).isRight())
                .isTrue();
    }

    private Process stallingWriter(Path go) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xshare:auto",
                        "-XX:TieredStopAtLevel=1",
                        StallingWriter.class.getName(),
                        root().toString(),
                        KEY.value(),
                        go.toString())
                .redirectOutput(directory.resolve("writer.out").toFile())
                .redirectError(directory.resolve("writer.err").toFile())
                .start();
    }

    private Path awaitTemporary() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Path> found = temporaries();
            if (!found.isEmpty() && Files.size(found.get(0)) > 0) {
                return found.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no temporary appeared under " + root());
    }

    private List<Path> temporaries() throws Exception {
        if (!Files.exists(root())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(path -> path.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    private static void age(Path file, Duration by) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
