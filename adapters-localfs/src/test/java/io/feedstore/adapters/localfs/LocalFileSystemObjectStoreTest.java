package io.feedstore.adapters.localfs;

import static io.feedstore.testkit.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.testkit.ReadOnlyTree;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local adapter promises beyond the shared contract: hidden temporaries, confinement to the root, folders. */
class LocalFileSystemObjectStoreTest {

    @TempDir
    Path directory;

    private Path root() {
        return directory.resolve("store");
    }

    private LocalFileSystemObjectStore store() {
        return new LocalFileSystemObjectStore(root());
    }

    @Test
    void temporariesAndOtherHiddenFilesAreNeverListed() throws Exception {
        LocalFileSystemObjectStore store = store();
        right(store.createIfAbsent(ObjectKey.of("p/q/object.bin"), bytes("x")));
        right(store.createIfAbsent(ObjectKey.of("top.bin"), bytes("y")));
        Files.writeString(root().resolve("p/q/.object.bin.0123abcd.tmp"), "half written");
        Files.writeString(root().resolve(".top.bin.99.tmp"), "half written");
        Files.createDirectories(root().resolve("p/.hidden-folder/inner"));
        Files.writeString(root().resolve("p/.hidden-folder/inner/file.bin"), "not an object");

        assertThat(right(store.list(KeyPrefix.ROOT)))
                .extracting(info -> info.key().value())
                .containsExactly("p/q/object.bin", "top.bin");
        assertThat(right(store.list(KeyPrefix.of("p/q/"))))
                .extracting(info -> info.key().value())
                .containsExactly("p/q/object.bin");
        assertThat(root().resolve(StoreLock.LOCK_FILE_NAME)).exists();
    }

    @Test
    void writesLeaveNoTemporaryBehind() throws Exception {
        LocalFileSystemObjectStore store = store();
        ObjectKey key = ObjectKey.of("a/b/object.bin");
        Generation first = right(store.createIfAbsent(key, bytes("one")));
        right(store.replaceIfUnchanged(key, first, bytes("two")));
        assertThat(store.createIfAbsent(key, bytes("three")).getLeft())
                .isInstanceOf(StoreFailure.PreconditionFailed.class);
        assertThat(store.replaceIfUnchanged(key, first, bytes("four")).getLeft())
                .isInstanceOf(StoreFailure.PreconditionFailed.class);

        try (Stream<Path> files = Files.walk(root())) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(path -> root().relativize(path).toString()))
                    .containsExactlyInAnyOrder("a/b/object.bin", StoreLock.LOCK_FILE_NAME);
        }
    }

    @Test
    void staleTemporariesAreRemovedWhileListingAndFreshOnesAreKept() throws Exception {
        LocalFileSystemObjectStore store = store();
        right(store.createIfAbsent(ObjectKey.of("p/object.bin"), bytes("x")));
        Path stale = Files.writeString(root().resolve("p/.object.bin.dead.tmp"), "left by a crash");
        Files.setLastModifiedTime(
                stale,
                FileTime.from(Instant.now()
                        .minus(LocalFileSystemObjectStore.STALE_TEMPORARY_AGE)
                        .minusSeconds(60)));
        Path fresh = Files.writeString(root().resolve("p/.other.bin.live.tmp"), "being written");

        right(store.list(KeyPrefix.ROOT));

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(root().resolve(StoreLock.LOCK_FILE_NAME)).exists();
    }

    @Test
    void aSymbolicLinkedFolderCannotLeadAnyOperationOutOfTheRoot() throws Exception {
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.bin"), "not yours");
        LocalFileSystemObjectStore store = store();
        right(store.createIfAbsent(ObjectKey.of("inside.bin"), bytes("x")));
        Files.createSymbolicLink(root().resolve("escape"), outside);
        ObjectKey throughLink = ObjectKey.of("escape/secret.bin");
        Generation someGeneration =
                right(store.read(ObjectKey.of("inside.bin"))).generation();

        assertRefused(store.read(throughLink), store, "escape");
        assertRefused(store.createIfAbsent(ObjectKey.of("escape/new.bin"), bytes("y")), store, "escape");
        assertRefused(store.replaceIfUnchanged(throughLink, someGeneration, bytes("y")), store, "escape");
        assertRefused(store.deleteIfUnchanged(throughLink, someGeneration), store, "escape");
        assertRefused(store.list(KeyPrefix.of("escape/")), store, "escape");

        assertThat(right(store.list(KeyPrefix.ROOT)))
                .extracting(info -> info.key().value())
                .containsExactly("inside.bin");
        assertThat(Files.readString(secret)).isEqualTo("not yours");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(secret);
        }
    }

    @Test
    void aSymbolicLinkInPlaceOfAnObjectIsNeitherListedNorFollowed() throws Exception {
        Path secret = Files.writeString(directory.resolve("secret.bin"), "not yours");
        LocalFileSystemObjectStore store = store();
        right(store.createIfAbsent(ObjectKey.of("p/real.bin"), bytes("x")));
        Files.createSymbolicLink(root().resolve("p/link.bin"), secret);
        ObjectKey link = ObjectKey.of("p/link.bin");

        assertThat(right(store.list(KeyPrefix.ROOT)))
                .extracting(info -> info.key().value())
                .containsExactly("p/real.bin");
        assertRefused(store.read(link), store, "link.bin");
        assertRefused(store.createIfAbsent(link, bytes("y")), store, "link.bin");
        assertThat(Files.readString(secret)).isEqualTo("not yours");
    }

    @Test
    void aRootReachedThroughASymbolicLinkWorks() throws Exception {
        Path real = Files.createDirectories(directory.resolve("real-root"));
        Path linked = Files.createSymbolicLink(directory.resolve("linked-root"), real);
        LocalFileSystemObjectStore viaLink = new LocalFileSystemObjectStore(linked);
        LocalFileSystemObjectStore direct = new LocalFileSystemObjectStore(real);

        Generation generation = right(viaLink.createIfAbsent(ObjectKey.of("a/b.bin"), bytes("x")));

        assertThat(right(direct.read(ObjectKey.of("a/b.bin"))).generation()).isEqualTo(generation);
        assertThat(right(viaLink.list(KeyPrefix.ROOT)))
                .extracting(ObjectInfo::generation)
                .containsExactly(generation);
    }

    @Test
    void aKeyBeneathAnObjectOrNamingAFolderIsAnIoFailureNamingTheStoreAndTheKey() {
        LocalFileSystemObjectStore store = store();
        right(store.createIfAbsent(ObjectKey.of("a/b"), bytes("object")));
        right(store.createIfAbsent(ObjectKey.of("c/d/e"), bytes("object")));

        assertRefused(store.createIfAbsent(ObjectKey.of("a/b/c"), bytes("x")), store, "a/b");
        assertRefused(store.createIfAbsent(ObjectKey.of("c/d"), bytes("x")), store, "c/d");
        // Reading or deleting such keys simply finds no object.
        assertThat(store.read(ObjectKey.of("a/b/c")).getLeft())
                .isEqualTo(new StoreFailure.NotFound(ObjectKey.of("a/b/c")));
        assertThat(store.read(ObjectKey.of("c/d")).getLeft()).isEqualTo(new StoreFailure.NotFound(ObjectKey.of("c/d")));
        assertThat(right(store.list(KeyPrefix.of("a/b/")))).isEmpty();
    }

    @Test
    void aRootThatIsAFileGivesIoFailuresNamingTheStoreAndTheKey() throws Exception {
        Files.writeString(root(), "a file, not a folder");
        LocalFileSystemObjectStore store = store();
        ObjectKey key = ObjectKey.of("x/y.bin");

        for (Either<StoreFailure, ?> outcome : List.of(store.createIfAbsent(key, bytes("x")), store.read(key))) {
            assertThat(outcome.getLeft()).isInstanceOfSatisfying(StoreFailure.IoFailure.class, failure -> {
                assertThat(failure.target()).contains(root().toString()).contains("x/y.bin");
                assertThat(failure.message()).contains("not a directory");
            });
        }
    }

    @Test
    void aMissingRootIsAnEmptyStoreUntilTheFirstWriteCreatesIt() {
        Path deep = directory.resolve("not/yet/there");
        LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(deep);

        assertThat(right(store.list(KeyPrefix.ROOT))).isEmpty();
        assertThat(store.read(ObjectKey.of("k")).getLeft()).isEqualTo(new StoreFailure.NotFound(ObjectKey.of("k")));
        assertThat(deep).doesNotExist();

        right(store.createIfAbsent(ObjectKey.of("k"), bytes("x")));
        assertThat(deep.resolve("k")).hasContent("x");
        assertThat(store.describe()).isEqualTo("file:" + deep);
    }

    @Test
    void deletingTheLastObjectsOfFoldersRemovesThemButNeverTheRootOrAFolderStillInUse() throws Exception {
        LocalFileSystemObjectStore store = store();
        Generation deep = right(store.createIfAbsent(ObjectKey.of("a/b/c/deep.bin"), bytes("x")));
        right(store.createIfAbsent(ObjectKey.of("a/kept.bin"), bytes("x")));
        Generation top = right(store.createIfAbsent(ObjectKey.of("top.bin"), bytes("x")));

        right(store.deleteIfUnchanged(ObjectKey.of("a/b/c/deep.bin"), deep));
        assertThat(root().resolve("a/b")).doesNotExist();
        assertThat(root().resolve("a")).isDirectory();

        right(store.deleteIfUnchanged(ObjectKey.of("top.bin"), top));
        assertThat(root()).isDirectory();
        assertThat(root().resolve(StoreLock.LOCK_FILE_NAME)).exists();
    }

    @Test
    void createsNeverFailWhileDeletesRemoveTheFoldersTheyWriteInto() throws Exception {
        LocalFileSystemObjectStore deleter = store();
        LocalFileSystemObjectStore creator = store();
        right(deleter.createIfAbsent(ObjectKey.of("seed"), bytes("root exists")));
        AtomicBoolean stop = new AtomicBoolean();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The deleter keeps emptying p/q/r, so its folders vanish over and over while the creator writes there.
            Future<?> churn = pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    ObjectKey key = ObjectKey.of("p/q/r/churn-" + i);
                    deleter.createIfAbsent(key, bytes("c"))
                            .flatMap(g -> deleter.deleteIfUnchanged(key, g))
                            .peekLeft(failure -> failures.add(failure.message()));
                }
            });
            Future<?> creates = pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    ObjectKey key = ObjectKey.of("p/q/r/s/created-" + i);
                    creator.createIfAbsent(key, bytes("k"))
                            .flatMap(g -> creator.deleteIfUnchanged(key, g))
                            .peekLeft(failure -> failures.add(failure.message()));
                }
            });
            creates.get(60, TimeUnit.SECONDS);
            stop.set(true);
            churn.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void readsNeverSeeAHalfWrittenObjectOrContentFromAnotherGeneration() throws Exception {
        LocalFileSystemObjectStore writer = store();
        LocalFileSystemObjectStore reader = store();
        ObjectKey key = ObjectKey.of("hot/object.bin");
        Map<Generation, Integer> written = new HashMap<>();
        Generation current = right(writer.createIfAbsent(key, version(0)));
        written.put(current, 0);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Map<Generation, byte[]> observed = new HashMap<>();
        try {
            Future<?> reads = pool.submit(() -> {
                while (!stop.get()) {
                    StoredObject read = right(reader.read(key));
                    observed.putIfAbsent(read.generation(), read.content());
                }
            });
            for (int n = 1; n < 150; n++) {
                current = right(writer.replaceIfUnchanged(key, current, version(n)));
                written.put(current, n);
            }
            stop.set(true);
            reads.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(observed).isNotEmpty();
        // Each version is one byte value repeated, with a length of its own, so a torn or mixed read shows.
        observed.forEach((generation, content) -> {
            assertThat(written).as("generation %s was issued", generation).containsKey(generation);
            assertThat(content)
                    .as("content read at generation %s", generation)
                    .isEqualTo(version(written.get(generation)));
        });
    }

    @Test
    void generationsNeverRepeatThroughManyDeletesAndRecreationsOfIdenticalContent() {
        LocalFileSystemObjectStore store = store();
        ObjectKey key = ObjectKey.of("aba/object.bin");
        Set<Generation> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            // A fresh adapter now and then: the clock lives in the store, not in the adapter.
            LocalFileSystemObjectStore adapter = i % 10 == 0 ? store() : store;
            Generation generation = right(adapter.createIfAbsent(key, bytes("identical")));
            assertThat(seen.add(generation))
                    .as("generation %s issued twice", generation)
                    .isTrue();
            right(adapter.deleteIfUnchanged(key, generation));
        }
    }

    @Test
    void aNameNearTheFileSystemLimitStillGetsATemporaryThatFits() {
        String longName = "é".repeat(120) + ".parquet"; // 248 bytes, near the usual 255-byte limit
        assertThat(LocalFileSystemObjectStore.temporaryName(longName).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(255);
        LocalFileSystemObjectStore store = store();
        ObjectKey key = ObjectKey.of("long/" + longName);

        Generation generation = right(store.createIfAbsent(key, bytes("x")));
        right(store.replaceIfUnchanged(key, generation, bytes("y")));

        assertThat(right(store.read(key)).content()).isEqualTo(bytes("y"));
    }

    @Test
    void aNameNearTheFileSystemLimitKeepsItsAttributesAndTheyAreNeverListed() {
        String longName = "é".repeat(120) + ".html.gz";
        LocalFileSystemObjectStore store = store();
        ObjectKey key = ObjectKey.of("long/" + longName);
        io.feedstore.domain.store.ObjectAttributes attributes = io.feedstore.domain.store.ObjectAttributes.of(
                        "text/html")
                .encodedAs("gzip")
                .withMetadata(java.util.Map.of("url", "https://jyväskylä.fi/tiedote–åsa"));

        right(store.createIfAbsent(key, attributes, bytes("x")));

        assertThat(right(store.details(key)).attributes()).isEqualTo(attributes);
        assertThat(right(store.list(io.feedstore.domain.store.KeyPrefix.ROOT)))
                .extracting(io.feedstore.domain.store.ObjectInfo::key)
                .containsExactly(key);
    }

    @Test
    void aLockFileThatIsASymbolicLinkIsRefusedAndItsTargetIsNeverCreatedNorWritten() throws Exception {
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Path existing =
                Files.writeString(outside.resolve("Åsa Lindqvist – notes.txt"), "“kept” as it is, Jyväskylä 🦌");
        Path missing = outside.resolve("Ærø – created by nobody.bin");
        for (Path target : List.of(existing, missing)) {
            Path root = Files.createDirectories(
                    directory.resolve("store-" + target.getFileName().toString().length()));
            Files.createSymbolicLink(root.resolve(StoreLock.LOCK_FILE_NAME), target);
            LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(root);

            for (Either<StoreFailure, ?> outcome : List.of(
                    store.createIfAbsent(ObjectKey.of("p/object.bin"), bytes("x")), store.list(KeyPrefix.ROOT))) {
                assertThat(outcome.isLeft()).as("%s", outcome).isTrue();
                assertThat(outcome.getLeft().message())
                        .contains(StoreLock.LOCK_FILE_NAME + " is a symbolic link; refusing to follow it");
            }
            assertThat(root.resolve("p/object.bin")).doesNotExist();
        }
        assertThat(Files.readString(existing)).isEqualTo("“kept” as it is, Jyväskylä 🦌");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aLockFileThatIsNotARegularFileIsRefusedWithOneClearReason() throws Exception {
        Files.createDirectories(root().resolve(StoreLock.LOCK_FILE_NAME));
        LocalFileSystemObjectStore store = store();

        Either<StoreFailure, Generation> outcome = store.createIfAbsent(ObjectKey.of("p/object.bin"), bytes("x"));

        assertThat(outcome.getLeft().message()).contains(StoreLock.LOCK_FILE_NAME + " is not a regular file");
    }

    @Test
    void aReadOnlyStoreCanBeListedReadAndOpenedAndNothingIsWrittenToIt() throws Exception {
        LocalFileSystemObjectStore writer = store();
        ObjectKey key = ObjectKey.of("source=rss/release_date=2025-01-14/Åsa Lindqvist – “Ærø”.bin");
        Generation generation = right(writer.createIfAbsent(key, bytes("Jyväskylä – 東京 🦌")));
        right(writer.createIfAbsent(ObjectKey.of("top.bin"), bytes("y")));

        try (ReadOnlyTree readOnly = ReadOnlyTree.of(root())) {
            LocalFileSystemObjectStore reader = store();

            assertThat(right(reader.list(KeyPrefix.ROOT)))
                    .extracting(info -> info.key().value())
                    .containsExactly(key.value(), "top.bin");
            assertThat(right(reader.read(key)).content()).isEqualTo(bytes("Jyväskylä – 東京 🦌"));
            try (ObjectContent content = right(reader.open(key, ReadCondition.latest()))) {
                assertThat(content.generation()).isEqualTo(generation);
            }
            assertThat(reader.createIfAbsent(ObjectKey.of("new.bin"), bytes("z"))
                            .getLeft())
                    .as("the tree really is read-only")
                    .isInstanceOf(StoreFailure.IoFailure.class);
        }
    }

    @Test
    void aStoreWithoutALockFileIsReadWithoutCreatingOne() throws Exception {
        right(store().createIfAbsent(ObjectKey.of("p/object.bin"), bytes("x")));
        Files.delete(root().resolve(StoreLock.LOCK_FILE_NAME));

        assertThat(right(store().list(KeyPrefix.ROOT))).hasSize(1);
        assertThat(right(store().read(ObjectKey.of("p/object.bin"))).content()).isEqualTo(bytes("x"));

        assertThat(root().resolve(StoreLock.LOCK_FILE_NAME)).doesNotExist();
    }

    // ---- helpers

    private static void assertRefused(Either<StoreFailure, ?> outcome, LocalFileSystemObjectStore store, String names) {
        assertThat(outcome.isLeft())
                .as("expected a refusal but got %s", outcome)
                .isTrue();
        assertThat(outcome.getLeft()).isInstanceOfSatisfying(StoreFailure.IoFailure.class, failure -> {
            assertThat(failure.target()).contains(store.describe());
            assertThat(failure.message()).contains(names);
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] version(int n) {
        byte[] content = new byte[20_000 + n * 100];
        Arrays.fill(content, (byte) n);
        return content;
    }
}
