package io.feedstore.testkit;

import static io.feedstore.testkit.Results.right;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.store.BulkCalls;
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
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The behaviour every {@link ObjectStore} adapter must show, asserted once and run against each adapter (in
 * memory, local filesystem, GCS) so that they are interchangeable, preconditions and races included. Every
 * guarantee feedstore makes about lost data rests on these properties.
 *
 * <p>An adapter's test extends this class and supplies fresh stores. {@link #createStore()} may be called more
 * than once in a test (the model-based test uses one store per example); each call must return a new, empty
 * store.
 */
public abstract class ObjectStoreContract {

    /** A new, empty store, independent of every store returned before. */
    protected abstract ObjectStore createStore() throws Exception;

    /**
     * Another adapter instance over the same objects as {@code store}, as a second process would have (for the
     * local filesystem a new adapter on the same root); an adapter without such a notion returns {@code store}.
     */
    protected abstract ObjectStore sameStoreViaAnotherInstance(ObjectStore store) throws Exception;

    /** How many threads race in the concurrency tests. */
    protected int racers() {
        return 6;
    }

    /** How many rounds each race is repeated; races are probabilistic, so more rounds catch more. */
    protected int raceRounds() {
        return 8;
    }

    /** How many random operation sequences the model-based test tries. */
    protected int modelExamples() {
        return 60;
    }

    private ObjectStore store;

    @BeforeEach
    void freshStore() throws Exception {
        store = createStore();
        assertThat(right(store.list(KeyPrefix.ROOT)))
                .as("a fresh store must be empty")
                .isEmpty();
    }

    /** Listings are complete, at any depth, in key order, and show only live objects. */
    @Nested
    class Listing {

        @Test
        void listOfTheWholeStoreReturnsEveryObjectAtAnyDepthInKeyOrder() {
            // Written out of order, with keys whose order differs from a depth-first walk of folders
            // ('-' and '.' sort before '/', '0' after it).
            List<String> keys = List.of(
                    "z/y/x/w/v.bin",
                    "a/b/x",
                    "a/b-c",
                    "a/b0",
                    "a/b/c/d",
                    "a/a",
                    "b",
                    "a/bc/y",
                    "a/b.txt",
                    "a/b/c-d",
                    "a/b/c/e/f/g.bin");
            Map<ObjectKey, Generation> written = new LinkedHashMap<>();
            for (String key : keys) {
                written.put(
                        ObjectKey.of(key), right(store.createIfAbsent(ObjectKey.of(key), bytes("content of " + key))));
            }

            List<ObjectInfo> listing = right(store.list(KeyPrefix.ROOT));

            assertThat(listing)
                    .extracting(ObjectInfo::key)
                    .isSortedAccordingTo(ObjectKey::compareTo)
                    .containsExactlyElementsOf(new TreeMap<>(written).keySet());
            for (ObjectInfo info : listing) {
                assertThat(info.generation()).isEqualTo(written.get(info.key()));
                assertThat(info.size()).isEqualTo(bytes("content of " + info.key()).length);
            }
        }

        @Test
        void listOfAPrefixReturnsOnlyKeysInsideThatFolderAndNotSiblingsSharingItsText() {
            for (String key : List.of("a/b/x", "a/b/c/d", "a/bc/y", "a/b-c", "a/b0", "a/b.txt", "ab/x", "b/x")) {
                right(store.createIfAbsent(ObjectKey.of(key), bytes(key)));
            }

            assertThat(keysUnder("a/b/")).containsExactly("a/b/c/d", "a/b/x");
            assertThat(keysUnder("a/bc/")).containsExactly("a/bc/y");
            assertThat(keysUnder("a/")).containsExactly("a/b-c", "a/b.txt", "a/b/c/d", "a/b/x", "a/b0", "a/bc/y");
            assertThat(keysUnder("a/b/c/")).containsExactly("a/b/c/d");
        }

        @Test
        void listOfAFolderThatHoldsNothingIsEmpty() {
            right(store.createIfAbsent(ObjectKey.of("a/b-c"), bytes("x")));
            right(store.createIfAbsent(ObjectKey.of("a/b/c"), bytes("x")));

            assertThat(keysUnder("nothing/here/")).isEmpty();
            // "a/b-c" is an object, not a folder.
            assertThat(keysUnder("a/b-c/")).isEmpty();
            assertThat(keysUnder("a/b/c/")).isEmpty();
        }

        @Test
        void listShowsTheCurrentGenerationAndNoDeletedObjects() {
            ObjectKey kept = ObjectKey.of("l/kept.bin");
            ObjectKey replaced = ObjectKey.of("l/replaced.bin");
            ObjectKey deleted = ObjectKey.of("l/deeper/deleted.bin");
            right(store.createIfAbsent(kept, bytes("k")));
            Generation before = right(store.createIfAbsent(replaced, bytes("r")));
            Generation after = right(store.replaceIfUnchanged(replaced, before, bytes("rr")));
            right(store.deleteIfUnchanged(deleted, right(store.createIfAbsent(deleted, bytes("d")))));

            List<ObjectInfo> listing = right(store.list(KeyPrefix.of("l/")));

            assertThat(listing).extracting(ObjectInfo::key).containsExactly(kept, replaced);
            assertThat(listing.get(1).generation()).isEqualTo(after);
            assertThat(listing.get(1).size()).isEqualTo(2);
        }
    }

    /** Whole reads: content and generation as stored, any bytes, any valid key, any adapter instance. */
    @Nested
    class Attributes {

        private final ObjectAttributes gzipPage = ObjectAttributes.of("text/html")
                .encodedAs("gzip")
                .withMetadata(Map.of(
                        "msgId", "mynewsdesk__39674985912ef849",
                        "source", "mynewsdesk",
                        "url", "https://www.mynewsdesk.com/se/åsa-lindqvist/pressreleases/jyväskylä–ærø",
                        "ingested_at", "2025-03-14T09:30:00+00:00"));

        @Test
        void attributesGivenOnCreateReadBackExactlyWithTheCreationTimeAndTheContentIsStoredAsGiven() throws Exception {
            ObjectKey key = ObjectKey.of("bronze_raw/source=mynewsdesk/dt=2025-03-14/msgId=x/content.html.gz");
            byte[] gzipped = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            Instant before = Instant.now().minus(Duration.ofSeconds(5));
            Generation generation = right(store.createIfAbsent(key, gzipPage, gzipped));
            Instant after = Instant.now().plus(Duration.ofSeconds(5));

            ObjectDetails details = right(store.details(key));
            assertThat(details.attributes()).isEqualTo(gzipPage);
            assertThat(details.info()).isEqualTo(new ObjectInfo(key, generation, gzipped.length));
            assertThat(details.created()).isBetween(before, after);
            assertThat(right(store.read(key)).content()).isEqualTo(gzipped);
            try (ObjectContent opened = right(store.open(key, ReadCondition.latest()))) {
                assertThat(opened.readAll()).isEqualTo(gzipped);
            }
        }

        @Test
        void createWithAttributesOnAnExistingKeyFailsThePreconditionAndKeepsTheFirstObjectAndAttributes() {
            ObjectKey key = ObjectKey.of("bronze_raw/source=gmail/dt=2025-03-14/msgId=18e3c5a1b2c3d4e5/message.eml");
            ObjectAttributes email = ObjectAttributes.of("message/rfc822");
            Generation first = right(store.createIfAbsent(key, email, bytes("Subject: Tervetuloa – Jyväskylä")));
            assertPreconditionFailed(store.createIfAbsent(key, gzipPage, bytes("other")), key);
            assertPreconditionFailed(store.createIfAbsent(key, bytes("plain")), key);
            assertThat(right(store.details(key)).attributes()).isEqualTo(email);
            assertThat(right(store.read(key)).generation()).isEqualTo(first);
            assertThat(right(store.read(key)).content()).isEqualTo(bytes("Subject: Tervetuloa – Jyväskylä"));
        }

        @Test
        void aStreamedCreateKeepsTheAttributesAndStoresContentLargerThanAnyBufferByteForByte() throws Exception {
            ObjectKey key = ObjectKey.of("bronze_raw/source=gmail/dt=2025-03-14/msgId=18e3c5a1b2c3d4e5/message.eml");
            ObjectAttributes email = ObjectAttributes.of("message/rfc822")
                    .withMetadata(
                            Map.of("from", "Åsa Lindqvist – Ærø Kommune", "ingested_at", "2025-03-14T09:30:00+00:00"));
            // Larger than a resumable upload's chunk and any copy buffer, produced a piece at a time.
            long size = 17L * 1024 * 1024 + 13;
            Generation generation = right(store.createIfAbsent(key, email, out -> writePseudoRandom(out, size, 7)));

            ObjectDetails details = right(store.details(key));
            assertThat(details.attributes()).isEqualTo(email);
            assertThat(details.info()).isEqualTo(new ObjectInfo(key, generation, size));
            try (ObjectContent opened = right(store.open(key, ReadCondition.latest()))) {
                assertThat(digestOf(opened)).isEqualTo(digestOfPseudoRandom(size, 7));
            }
        }

        @Test
        void aStreamedCreateOnAnExistingKeyFailsThePreconditionAndKeepsTheFirstObjectAndAttributes() {
            ObjectKey key = ObjectKey.of("bronze_raw/source=gmail/dt=2025-03-14/msgId=18e3c5a1b2c3d4e6/message.eml");
            ObjectAttributes email = ObjectAttributes.of("message/rfc822");
            Generation first =
                    right(store.createIfAbsent(key, email, ContentWriter.of(bytes("Subject: Ærø – “færge” 🚢"))));
            assertPreconditionFailed(store.createIfAbsent(key, gzipPage, ContentWriter.of(bytes("other"))), key);
            assertPreconditionFailed(store.createIfAbsent(key, gzipPage, bytes("other")), key);
            assertPreconditionFailed(store.createIfAbsent(key, bytes("plain")), key);
            assertThat(right(store.details(key)).attributes()).isEqualTo(email);
            assertThat(right(store.read(key)).generation()).isEqualTo(first);
            assertThat(right(store.read(key)).content()).isEqualTo(bytes("Subject: Ærø – “færge” 🚢"));
        }

        @Test
        void aStreamedCreateWhoseWriterFailsPublishesNothingAndTheKeyStaysFree() {
            ObjectKey key = ObjectKey.of("bronze_raw/source=gmail/dt=2025-03-14/msgId=18e3c5a1b2c3d4e7/message.eml");
            ObjectAttributes email = ObjectAttributes.of("message/rfc822");
            Either<StoreFailure, Generation> failed = store.createIfAbsent(key, email, out -> {
                out.write(randomBytes(300_000, 8));
                throw new java.io.IOException("the mailbox ended inside the message");
            });
            assertThat(failed.isLeft()).isTrue();
            assertThat(failed.getLeft()).isInstanceOf(StoreFailure.IoFailure.class);
            assertNotFound(store.read(key), key);
            assertThat(store.details(key).getLeft()).isInstanceOf(StoreFailure.NotFound.class);
            right(store.createIfAbsent(key, email, ContentWriter.of(bytes("Subject: Jyväskylä"))));
            assertThat(right(store.read(key)).content()).isEqualTo(bytes("Subject: Jyväskylä"));
        }

        @Test
        void detailsOfAKeyThatWasNeverWrittenOrWasDeletedIsNotFound() {
            ObjectKey key = ObjectKey.of("details/gone");
            assertThat(store.details(key).getLeft()).isInstanceOf(StoreFailure.NotFound.class);
            Generation generation = right(store.createIfAbsent(key, gzipPage, bytes("x")));
            right(store.deleteIfUnchanged(key, generation));
            assertThat(store.details(key).getLeft()).isInstanceOf(StoreFailure.NotFound.class);
            right(store.createIfAbsent(key, bytes("again, without attributes")));
            assertThat(right(store.details(key)).attributes().metadata()).isEmpty();
        }

        @Test
        void aReplacedObjectKeepsNoneOfTheCustomMetadataOfTheGenerationItReplaced() {
            ObjectKey key = ObjectKey.of("details/replaced");
            Generation first = right(store.createIfAbsent(key, gzipPage, bytes("x")));
            Generation second = right(store.replaceIfUnchanged(key, first, bytes("y")));
            ObjectDetails details = right(store.details(key));
            assertThat(details.info().generation()).isEqualTo(second);
            assertThat(details.attributes().metadata()).isEmpty();
            assertThat(details.attributes().contentEncoding()).isEmpty();
        }
    }

    @Nested
    class Reads {

        @Test
        void aCreatedObjectReadsBackWithItsContentAndTheGenerationCreateReturned() {
            ObjectKey key = ObjectKey.of("p/q/object.bin");
            Generation generation = right(store.createIfAbsent(key, bytes("hello")));

            StoredObject read = right(store.read(key));

            assertThat(read.key()).isEqualTo(key);
            assertThat(read.generation()).isEqualTo(generation);
            assertThat(read.content()).isEqualTo(bytes("hello"));
        }

        @Test
        void readingAKeyThatWasNeverWrittenIsNotFound() {
            ObjectKey key = ObjectKey.of("nothing/here.bin");

            assertNotFound(store.read(key), key);
        }

        @Test
        void emptyContentIsAnObjectLikeAnyOther() {
            ObjectKey key = ObjectKey.of("e/empty.bin");
            Generation first = right(store.createIfAbsent(key, new byte[0]));

            assertThat(right(store.read(key)).content()).isEmpty();
            assertThat(right(store.list(KeyPrefix.of("e/")))).singleElement().satisfies(info -> {
                assertThat(info.size()).isZero();
                assertThat(info.generation()).isEqualTo(first);
            });
            assertPreconditionFailed(store.createIfAbsent(key, new byte[0]), key);
            Generation second = right(store.replaceIfUnchanged(key, first, new byte[0]));
            assertThat(second).isNotEqualTo(first);
            right(store.deleteIfUnchanged(key, second));
            assertNotFound(store.read(key), key);
        }

        @Test
        void largeContentRoundTripsByteForByte() {
            ObjectKey key = ObjectKey.of("big/five-megabytes.bin");
            byte[] first = randomBytes(5 * 1024 * 1024 + 17, 1);
            byte[] second = randomBytes(5 * 1024 * 1024 - 3, 2);

            Generation generation = right(store.createIfAbsent(key, first));
            assertThat(right(store.read(key)).content()).isEqualTo(first);
            right(store.replaceIfUnchanged(key, generation, second));

            assertThat(right(store.read(key)).content()).isEqualTo(second);
            assertThat(right(store.list(KeyPrefix.of("big/"))))
                    .singleElement()
                    .extracting(ObjectInfo::size)
                    .isEqualTo((long) second.length);
        }

        @Test
        void keysWithUnicodeSpacesAndEqualsSignsAreOrdinaryKeys() {
            KeyPrefix partition =
                    KeyPrefix.of("silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/");
            List<ObjectKey> keys = List.of(
                    partition.key("batch 0001 ünïcødé 日本語 🚀.parquet"),
                    partition.key("a=b=c"),
                    partition.key("with  two spaces "),
                    ObjectKey.of("Ärger/ü ber/∑=1"));
            for (ObjectKey key : keys) {
                Generation generation = right(store.createIfAbsent(key, bytes("v1 " + key)));
                assertThat(right(store.read(key)).content()).isEqualTo(bytes("v1 " + key));
                assertPreconditionFailed(store.createIfAbsent(key, bytes("again")), key);
                right(store.replaceIfUnchanged(key, generation, bytes("v2 " + key)));
                assertThat(right(store.read(key)).content()).isEqualTo(bytes("v2 " + key));
            }

            assertThat(right(store.list(partition)))
                    .extracting(ObjectInfo::key)
                    .containsExactlyElementsOf(
                            keys.subList(0, 3).stream().sorted().toList());
            assertThat(right(store.list(KeyPrefix.ROOT)))
                    .extracting(ObjectInfo::key)
                    .containsExactlyElementsOf(keys.stream().sorted().toList());
            for (ObjectKey key : keys) {
                right(store.deleteIfUnchanged(key, right(store.read(key)).generation()));
            }
            assertThat(right(store.list(KeyPrefix.ROOT))).isEmpty();
        }

        @Test
        void changingTheCallersByteArraysNeverChangesAStoredObject() {
            ObjectKey key = ObjectKey.of("m/object.bin");
            byte[] written = bytes("original");
            right(store.createIfAbsent(key, written));
            written[0] = 'X';

            byte[] read = right(store.read(key)).content();
            read[1] = 'Y';

            assertThat(right(store.read(key)).content()).isEqualTo(bytes("original"));
        }

        @Test
        void anotherAdapterInstanceSeesTheSameObjectsAndGenerations() throws Exception {
            ObjectStore other = sameStoreViaAnotherInstance(store);
            ObjectKey key = ObjectKey.of("shared/object.bin");
            Generation first = right(store.createIfAbsent(key, bytes("from one")));

            assertThat(right(other.read(key)).generation()).isEqualTo(first);
            assertPreconditionFailed(other.createIfAbsent(key, bytes("from other")), key);
            Generation second = right(other.replaceIfUnchanged(key, first, bytes("from other")));

            assertThat(right(store.read(key)).generation()).isEqualTo(second);
            assertThat(right(store.read(key)).content()).isEqualTo(bytes("from other"));
            assertPreconditionFailed(store.replaceIfUnchanged(key, first, bytes("stale")), key);
            right(store.deleteIfUnchanged(key, second));
            assertNotFound(other.read(key), key);
        }

        @Test
        void describeNamesTheStore() {
            assertThat(store.describe()).isNotBlank();
        }
    }

    /** Create-if-absent and replace-if-unchanged: only the caller who saw the current state writes. */
    @Nested
    class ConditionalWrites {

        @Test
        void createIfAbsentOnAnExistingKeyFailsThePreconditionAndKeepsTheFirstContent() {
            ObjectKey key = ObjectKey.of("a/first.bin");
            Generation first = right(store.createIfAbsent(key, bytes("first")));

            assertPreconditionFailed(store.createIfAbsent(key, bytes("second")), key);
            assertPreconditionFailed(store.createIfAbsent(key, bytes("first")), key);

            assertThat(right(store.read(key))).satisfies(read -> {
                assertThat(read.content()).isEqualTo(bytes("first"));
                assertThat(read.generation()).isEqualTo(first);
            });
        }

        @Test
        void createIfAbsentSucceedsAgainOnceTheObjectWasDeleted() {
            ObjectKey key = ObjectKey.of("a/again.bin");
            Generation first = right(store.createIfAbsent(key, bytes("one")));
            right(store.deleteIfUnchanged(key, first));

            Generation second = right(store.createIfAbsent(key, bytes("two")));

            assertThat(right(store.read(key)).content()).isEqualTo(bytes("two"));
            assertThat(second).isNotEqualTo(first);
        }

        @Test
        void replaceWithTheCurrentGenerationStoresTheNewContentUnderANewGeneration() {
            ObjectKey key = ObjectKey.of("r/object.bin");
            Generation first = right(store.createIfAbsent(key, bytes("old")));

            Generation second = right(store.replaceIfUnchanged(key, first, bytes("new")));

            assertThat(second).isNotEqualTo(first);
            StoredObject read = right(store.read(key));
            assertThat(read.content()).isEqualTo(bytes("new"));
            assertThat(read.generation()).isEqualTo(second);
        }

        @Test
        void replaceWithAStaleGenerationFailsThePreconditionAndChangesNothing() {
            ObjectKey key = ObjectKey.of("r/stale.bin");
            Generation first = right(store.createIfAbsent(key, bytes("one")));
            Generation second = right(store.replaceIfUnchanged(key, first, bytes("two")));

            assertPreconditionFailed(store.replaceIfUnchanged(key, first, bytes("three")), key);

            StoredObject read = right(store.read(key));
            assertThat(read.content()).isEqualTo(bytes("two"));
            assertThat(read.generation()).isEqualTo(second);
        }

        @Test
        void replaceOfADeletedObjectFailsThePreconditionAndDoesNotRecreateIt() {
            ObjectKey key = ObjectKey.of("r/deleted.bin");
            Generation generation = right(store.createIfAbsent(key, bytes("one")));
            right(store.deleteIfUnchanged(key, generation));

            assertPreconditionFailed(store.replaceIfUnchanged(key, generation, bytes("two")), key);

            assertNotFound(store.read(key), key);
            assertThat(right(store.list(KeyPrefix.ROOT))).isEmpty();
        }

        @Test
        void replaceOfAKeyThatNeverExistedFailsThePreconditionAndCreatesNothing() {
            ObjectKey other = ObjectKey.of("r/other.bin");
            Generation someGeneration = right(store.createIfAbsent(other, bytes("x")));
            ObjectKey key = ObjectKey.of("r/never.bin");

            assertPreconditionFailed(store.replaceIfUnchanged(key, someGeneration, bytes("y")), key);

            assertNotFound(store.read(key), key);
        }

        @Test
        void everyReplaceYieldsAGenerationNeverSeenBeforeForThatKeyEvenWithIdenticalContent() {
            ObjectKey key = ObjectKey.of("r/same.bin");
            List<Generation> generations = new ArrayList<>();
            generations.add(right(store.createIfAbsent(key, bytes("same"))));
            for (int i = 0; i < 10; i++) {
                Generation previous = generations.get(generations.size() - 1);
                generations.add(right(store.replaceIfUnchanged(key, previous, bytes("same"))));
            }

            assertThat(generations).doesNotHaveDuplicates();
            Generation current = generations.get(generations.size() - 1);
            for (Generation old : generations.subList(0, generations.size() - 1)) {
                assertPreconditionFailed(store.replaceIfUnchanged(key, old, bytes("same")), key);
                assertPreconditionFailed(store.deleteIfUnchanged(key, old), key);
            }
            assertThat(right(store.read(key)).generation()).isEqualTo(current);
        }
    }

    /** Delete-if-unchanged, and what a deleted key leaves behind. */
    @Nested
    class Deletes {

        @Test
        void deleteWithTheCurrentGenerationRemovesTheObject() {
            ObjectKey key = ObjectKey.of("d/object.bin");
            Generation generation = right(store.createIfAbsent(key, bytes("x")));

            assertThat(right(store.deleteIfUnchanged(key, generation))).isEqualTo(Done.DONE);

            assertNotFound(store.read(key), key);
            assertThat(right(store.list(KeyPrefix.ROOT))).isEmpty();
        }

        @Test
        void deleteWithAStaleGenerationFailsThePreconditionAndKeepsTheObject() {
            ObjectKey key = ObjectKey.of("d/stale.bin");
            Generation first = right(store.createIfAbsent(key, bytes("one")));
            Generation second = right(store.replaceIfUnchanged(key, first, bytes("two")));

            assertPreconditionFailed(store.deleteIfUnchanged(key, first), key);

            StoredObject read = right(store.read(key));
            assertThat(read.content()).isEqualTo(bytes("two"));
            assertThat(read.generation()).isEqualTo(second);
        }

        @Test
        void deleteOfAMissingObjectIsNotFound() {
            ObjectKey key = ObjectKey.of("d/gone.bin");
            Generation generation = right(store.createIfAbsent(key, bytes("x")));
            right(store.deleteIfUnchanged(key, generation));

            assertNotFound(store.deleteIfUnchanged(key, generation), key);
            ObjectKey never = ObjectKey.of("d/never/written.bin");
            assertNotFound(store.deleteIfUnchanged(never, generation), never);
        }

        @Test
        void aDeletedAndRecreatedKeyNeverGetsBackAnEarlierGeneration() {
            ObjectKey key = ObjectKey.of("aba/object.bin");
            List<Generation> generations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // Same key, same content, same size every time: nothing but the generation may tell them apart.
                Generation generation = right(store.createIfAbsent(key, bytes("same")));
                generations.add(generation);
                if (i < 5) {
                    right(store.deleteIfUnchanged(key, generation));
                }
            }

            assertThat(generations).doesNotHaveDuplicates();
            for (Generation old : generations.subList(0, generations.size() - 1)) {
                assertPreconditionFailed(store.replaceIfUnchanged(key, old, bytes("lost")), key);
                assertPreconditionFailed(store.deleteIfUnchanged(key, old), key);
            }
            StoredObject read = right(store.read(key));
            assertThat(read.content()).isEqualTo(bytes("same"));
            assertThat(read.generation()).isEqualTo(generations.get(generations.size() - 1));
        }
    }

    /** Ranged reads of one generation, and content produced into the store's staging. */
    @Nested
    class StreamedAndRanged {

        @Test
        void anOpenedObjectReadsAnyRangeOfTheGenerationItWasOpenedAt() throws Exception {
            ObjectKey key = ObjectKey.of("stream/ranges.bin");
            byte[] content = randomBytes(3 * 1024 * 1024 + 5, 3);
            Generation generation = right(store.createIfAbsent(key, content));

            try (ObjectContent opened = right(store.open(key, ReadCondition.latest()))) {
                assertThat(opened.key()).isEqualTo(key);
                assertThat(opened.generation()).isEqualTo(generation);
                assertThat(opened.size()).isEqualTo(content.length);
                for (long[] range : new long[][] {{0, 10}, {content.length - 8, 8}, {1_000_000, 1_500_000}, {7, 0}}) {
                    byte[] part = new byte[(int) range[1] + 2];
                    opened.readFully(range[0], part, 1, (int) range[1]);
                    assertThat(java.util.Arrays.copyOfRange(part, 1, 1 + (int) range[1]))
                            .isEqualTo(
                                    java.util.Arrays.copyOfRange(content, (int) range[0], (int) (range[0] + range[1])));
                }
                assertThat(opened.readAll()).isEqualTo(content);
                byte[] past = new byte[9];
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> opened.readFully(content.length - 8, past, 0, 9))
                        .isInstanceOf(java.io.EOFException.class);
            }
        }

        @Test
        void anOpenedObjectKeepsItsGenerationsBytesWhenTheObjectIsReplacedOrDeleted() throws Exception {
            ObjectKey key = ObjectKey.of("stream/pinned.bin");
            byte[] first = randomBytes(200_000, 4);
            Generation generation = right(store.createIfAbsent(key, first));

            try (ObjectContent opened = right(store.open(key, ReadCondition.atGeneration(generation)))) {
                Generation second = right(store.replaceIfUnchanged(key, generation, bytes("replaced")));
                byte[] whole = new byte[first.length];
                try {
                    opened.readFully(0, whole, 0, whole.length);
                    assertThat(whole)
                            .as("an open generation never mixes in another's bytes")
                            .isEqualTo(first);
                } catch (java.io.IOException generationGone) {
                    // A store may fail the read instead, but never return other bytes.
                }
                right(store.deleteIfUnchanged(key, second));
            }
        }

        @Test
        void openingAGenerationThatIsNoLongerCurrentFailsThePreconditionAndAMissingKeyIsNotFound() {
            ObjectKey key = ObjectKey.of("stream/stale.bin");
            Generation first = right(store.createIfAbsent(key, bytes("one")));
            Generation second = right(store.replaceIfUnchanged(key, first, bytes("two")));

            assertPreconditionFailed(store.open(key, ReadCondition.atGeneration(first)), key);
            assertThat(right(store.open(key, ReadCondition.atGeneration(second)))
                            .generation())
                    .isEqualTo(second);
            ObjectKey missing = ObjectKey.of("stream/missing.bin");
            assertNotFound(store.open(missing, ReadCondition.latest()), missing);
            Either<StoreFailure, ObjectContent> gone = store.open(missing, ReadCondition.atGeneration(second));
            assertThat(gone.isLeft()).isTrue();
            assertThat(gone.getLeft())
                    .isInstanceOfAny(StoreFailure.NotFound.class, StoreFailure.PreconditionFailed.class);
        }

        @Test
        void openingAtAListedGenerationGivesThatGenerationsBytesAndNeverAnothersWhateverHappenedSince()
                throws Exception {
            ObjectKey small = ObjectKey.of("stream/listed/Åsa Lindqvist – “kort” 🚀.bin");
            ObjectKey large = ObjectKey.of("stream/listed/Jyväskylä–stor.bin");
            ObjectKey replaced = ObjectKey.of("stream/listed/Ærø–ersatt.bin");
            ObjectKey deleted = ObjectKey.of("stream/listed/borta.bin");
            byte[] smallBytes = bytes("Åsa Lindqvist – “kort” 日本 🚀");
            byte[] largeBytes = randomBytes(2 * 1024 * 1024 + 3, 6);
            right(store.createIfAbsent(small, smallBytes));
            right(store.createIfAbsent(large, largeBytes));
            Generation first = right(store.createIfAbsent(replaced, bytes("första")));
            Generation doomed = right(store.createIfAbsent(deleted, bytes("sista")));
            Map<ObjectKey, ObjectInfo> listed = new HashMap<>();
            right(store.list(KeyPrefix.of("stream/listed/"))).forEach(info -> listed.put(info.key(), info));
            right(store.replaceIfUnchanged(replaced, first, bytes("andra")));
            right(store.deleteIfUnchanged(deleted, doomed));

            for (ObjectKey key : List.of(small, large)) {
                try (ObjectContent opened = right(store.open(key, ReadCondition.listed(listed.get(key))))) {
                    assertThat(opened.generation()).isEqualTo(listed.get(key).generation());
                    assertThat(opened.readAll()).isEqualTo(key.equals(small) ? smallBytes : largeBytes);
                }
            }
            for (ObjectKey key : List.of(replaced, deleted)) {
                Either<StoreFailure, ObjectContent> stale = store.open(key, ReadCondition.listed(listed.get(key)));
                if (stale.isRight()) {
                    // A store that still keeps the listed generation may answer it, never another one.
                    try (ObjectContent opened = stale.get()) {
                        assertThat(opened.generation())
                                .isEqualTo(listed.get(key).generation());
                        assertThat(opened.readAll()).isEqualTo(key.equals(replaced) ? bytes("första") : bytes("sista"));
                    }
                } else {
                    assertThat(stale.getLeft())
                            .isInstanceOfAny(StoreFailure.NotFound.class, StoreFailure.PreconditionFailed.class);
                }
            }
        }

        @Test
        void contentWrittenThroughAStreamIsStoredLikeAnArrayUnderTheSamePreconditions() {
            ObjectKey key = ObjectKey.of("stream/written.bin");
            byte[] first = randomBytes(2 * 1024 * 1024 + 3, 5);
            ContentWriter inPieces = out -> {
                for (int from = 0; from < first.length; from += 100_000) {
                    out.write(first, from, Math.min(100_000, first.length - from));
                }
            };

            Generation generation = right(store.write(key, WriteCondition.ifAbsent(), inPieces));
            assertThat(right(store.read(key)).content()).isEqualTo(first);
            assertThat(right(store.read(key)).generation()).isEqualTo(generation);
            assertPreconditionFailed(
                    store.write(key, WriteCondition.ifAbsent(), ContentWriter.of(bytes("second"))), key);

            Generation replaced =
                    right(store.write(key, WriteCondition.ifGeneration(generation), ContentWriter.of(bytes("new"))));
            assertThat(right(store.read(key)).content()).isEqualTo(bytes("new"));
            assertPreconditionFailed(
                    store.write(key, WriteCondition.ifGeneration(generation), ContentWriter.of(bytes("stale"))), key);
            ObjectKey never = ObjectKey.of("stream/never.bin");
            assertPreconditionFailed(
                    store.write(never, WriteCondition.ifGeneration(replaced), ContentWriter.of(bytes("x"))), never);
            assertThat(right(store.list(KeyPrefix.of("stream/"))))
                    .extracting(ObjectInfo::key)
                    .containsExactly(key);
        }

        @Test
        void aWriterThatFailsPublishesNothingAndLeavesTheCurrentObjectAlone() {
            ObjectKey key = ObjectKey.of("stream/failing.bin");
            ContentWriter failing = out -> {
                out.write(randomBytes(300_000, 6));
                throw new java.io.IOException("the encoder broke half way");
            };

            Either<StoreFailure, Generation> created = store.write(key, WriteCondition.ifAbsent(), failing);
            assertThat(created.isLeft()).isTrue();
            assertThat(created.getLeft()).isInstanceOf(StoreFailure.IoFailure.class);
            assertNotFound(store.read(key), key);

            Generation generation = right(store.createIfAbsent(key, bytes("kept")));
            Either<StoreFailure, Generation> replaced =
                    store.write(key, WriteCondition.ifGeneration(generation), failing);
            assertThat(replaced.isLeft()).isTrue();
            assertThat(right(store.read(key)).content()).isEqualTo(bytes("kept"));
            assertThat(right(store.read(key)).generation()).isEqualTo(generation);
            assertThat(right(store.list(KeyPrefix.of("stream/"))))
                    .extracting(ObjectInfo::key)
                    .containsExactly(key);
        }
    }

    /** Calls for many objects: the same outcomes as one call per key, whatever concurrency the store uses. */
    @Nested
    class Bulk {

        @Test
        void readAllGivesEveryKeyTheOutcomeReadWouldGiveInTheOrderAsked() {
            List<ObjectKey> keys = new ArrayList<>();
            Map<ObjectKey, Generation> generations = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                ObjectKey key = ObjectKey.of("bulk/r/" + (11 - i) + ".bin");
                keys.add(key);
                if (i % 3 != 0) {
                    generations.put(key, right(store.createIfAbsent(key, bytes("content " + i))));
                }
            }
            keys.add(keys.get(1));

            Map<ObjectKey, Either<StoreFailure, StoredObject>> outcomes = BulkCalls.readAll(store, keys);

            assertThat(outcomes.keySet()).containsExactlyElementsOf(new java.util.LinkedHashSet<>(keys));
            for (int i = 0; i < 12; i++) {
                ObjectKey key = keys.get(i);
                if (generations.containsKey(key)) {
                    StoredObject read = right(outcomes.get(key));
                    assertThat(read.generation()).isEqualTo(generations.get(key));
                    assertThat(read.content()).isEqualTo(bytes("content " + i));
                } else {
                    assertNotFound(outcomes.get(key), key);
                }
            }
        }

        @Test
        void deleteAllIfUnchangedDeletesExactlyTheObjectsThatStillHaveTheirGeneration() {
            ObjectKey current = ObjectKey.of("bulk/d/current.bin");
            ObjectKey stale = ObjectKey.of("bulk/d/stale.bin");
            ObjectKey missing = ObjectKey.of("bulk/d/missing.bin");
            Generation currentGeneration = right(store.createIfAbsent(current, bytes("a")));
            Generation staleGeneration = right(store.createIfAbsent(stale, bytes("b")));
            Generation newer = right(store.replaceIfUnchanged(stale, staleGeneration, bytes("b2")));
            Map<ObjectKey, Generation> expected = new LinkedHashMap<>();
            expected.put(stale, staleGeneration);
            expected.put(missing, currentGeneration);
            expected.put(current, currentGeneration);

            Map<ObjectKey, Either<StoreFailure, Done>> outcomes = BulkCalls.deleteAllIfUnchanged(store, expected);

            assertThat(outcomes.keySet()).containsExactly(stale, missing, current);
            assertPreconditionFailed(outcomes.get(stale), stale);
            assertNotFound(outcomes.get(missing), missing);
            assertThat(right(outcomes.get(current))).isEqualTo(Done.DONE);
            assertNotFound(store.read(current), current);
            assertThat(right(store.read(stale)).generation()).isEqualTo(newer);
        }

        @Test
        void openAllGivesEveryKeyTheOutcomeOpenWouldGiveInTheOrderAsked() throws Exception {
            ObjectKey a = ObjectKey.of("stream/all/a.bin");
            ObjectKey b = ObjectKey.of("stream/all/b.bin");
            ObjectKey missing = ObjectKey.of("stream/all/missing.bin");
            Generation ga = right(store.createIfAbsent(a, bytes("A")));
            Generation gb = right(store.createIfAbsent(b, bytes("BB")));

            Map<ObjectKey, Either<StoreFailure, ObjectContent>> opened =
                    BulkCalls.openAll(store, List.of(b, missing, a, b));

            assertThat(opened.keySet()).containsExactly(b, missing, a);
            assertNotFound(opened.get(missing), missing);
            try (ObjectContent contentA = right(opened.get(a));
                    ObjectContent contentB = right(opened.get(b))) {
                assertThat(contentA.generation()).isEqualTo(ga);
                assertThat(contentA.readAll()).isEqualTo(bytes("A"));
                assertThat(contentB.generation()).isEqualTo(gb);
                assertThat(contentB.readAll()).isEqualTo(bytes("BB"));
            }
        }
    }

    /** Races between adapter instances: one winner, and nothing half-visible or lost. */
    @Nested
    class AtomicVisibility {

        @Test
        void racingCreatesFromSeparateInstancesHaveExactlyOneWinnerWhoseContentIsStored() throws Exception {
            for (int round = 0; round < raceRounds(); round++) {
                ObjectKey key = ObjectKey.of("race/create/" + round + "/object.bin");
                List<ObjectStore> instances = instances(racers());

                List<Either<StoreFailure, Generation>> outcomes =
                        race(racers(), i -> () -> instances.get(i).createIfAbsent(key, bytes("writer " + i)));

                List<Integer> winners = winners(outcomes);
                assertThat(winners).as("winners of round %d", round).hasSize(1);
                losersFailedThePrecondition(outcomes, key);
                StoredObject stored = right(store.read(key));
                assertThat(stored.content()).isEqualTo(bytes("writer " + winners.get(0)));
                assertThat(stored.generation())
                        .isEqualTo(outcomes.get(winners.get(0)).get());
            }
        }

        @Test
        void racingReplacesFromTheSameGenerationHaveExactlyOneWinner() throws Exception {
            for (int round = 0; round < raceRounds(); round++) {
                ObjectKey key = ObjectKey.of("race/replace/" + round + ".bin");
                Generation start = right(store.createIfAbsent(key, bytes("start")));
                List<ObjectStore> instances = instances(racers());

                List<Either<StoreFailure, Generation>> outcomes = race(
                        racers(), i -> () -> instances.get(i).replaceIfUnchanged(key, start, bytes("writer " + i)));

                List<Integer> winners = winners(outcomes);
                assertThat(winners).as("winners of round %d", round).hasSize(1);
                losersFailedThePrecondition(outcomes, key);
                StoredObject stored = right(store.read(key));
                assertThat(stored.content()).isEqualTo(bytes("writer " + winners.get(0)));
                assertThat(stored.generation())
                        .isEqualTo(outcomes.get(winners.get(0)).get())
                        .isNotEqualTo(start);
            }
        }

        @Test
        void aRacingDeleteAndReplaceFromTheSameGenerationNeverBothSucceed() throws Exception {
            for (int round = 0; round < raceRounds() * 2; round++) {
                ObjectKey key = ObjectKey.of("race/delete-replace/" + round + ".bin");
                Generation start = right(store.createIfAbsent(key, bytes("start")));
                List<ObjectStore> instances = instances(2);

                List<Either<StoreFailure, ?>> outcomes = race(
                        2,
                        i -> () -> i == 0
                                ? instances.get(0).deleteIfUnchanged(key, start)
                                : instances.get(1).replaceIfUnchanged(key, start, bytes("replaced")));

                boolean deleted = outcomes.get(0).isRight();
                boolean replaced = outcomes.get(1).isRight();
                assertThat(deleted ^ replaced)
                        .as(
                                "exactly one of delete %s and replace %s succeeds in round %d",
                                outcomes.get(0), outcomes.get(1), round)
                        .isTrue();
                if (deleted) {
                    assertPreconditionFailed(outcomes.get(1), key);
                    assertNotFound(store.read(key), key);
                } else {
                    assertPreconditionFailed(outcomes.get(0), key);
                    assertThat(right(store.read(key)).content()).isEqualTo(bytes("replaced"));
                }
            }
        }

        @Test
        void concurrentReadModifyWriteLoopsNeverLoseAnUpdate() throws Exception {
            ObjectKey key = ObjectKey.of("race/counter.txt");
            right(store.createIfAbsent(key, new byte[0]));
            int writers = Math.min(racers(), 4);
            int updatesEach = 6;
            List<ObjectStore> instances = instances(writers);

            List<List<Generation>> won = race(writers, i -> () -> {
                List<Generation> generations = new ArrayList<>();
                while (generations.size() < updatesEach) {
                    StoredObject seen = right(instances.get(i).read(key));
                    String line = "writer " + i + " update " + generations.size() + "\n";
                    byte[] next = (new String(seen.content(), StandardCharsets.UTF_8) + line)
                            .getBytes(StandardCharsets.UTF_8);
                    Either<StoreFailure, Generation> outcome =
                            instances.get(i).replaceIfUnchanged(key, seen.generation(), next);
                    if (outcome.isRight()) {
                        generations.add(outcome.get());
                    } else if (!(outcome.getLeft() instanceof StoreFailure.PreconditionFailed)) {
                        fail("writer %d: unexpected %s", i, outcome.getLeft().message());
                    }
                }
                return generations;
            });

            List<String> lines =
                    List.of(new String(right(store.read(key)).content(), StandardCharsets.UTF_8).split("\n"));
            assertThat(lines).hasSize(writers * updatesEach).doesNotHaveDuplicates();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                assertThat(lines.stream().filter(line -> line.startsWith("writer " + writer + " ")))
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, updatesEach)
                                .mapToObj(n -> "writer " + writer + " update " + n)
                                .toList());
            }
            assertThat(won.stream().flatMap(List::stream).toList()).doesNotHaveDuplicates();
        }
    }

    /** Any sequence of operations behaves like a map with never-repeating generations. */
    @Nested
    class AsAModel {

        @Test
        void theStoreBehavesLikeAMapWithNeverRepeatingGenerationsUnderAnySequenceOfOperations() {
            qt().withExamples(modelExamples())
                    .withShrinkCycles(200)
                    .forAll(lists().of(operations()).ofSizeBetween(1, 30))
                    .checkAssert(operations -> runAgainstModel(operations));
        }
    }

    private void runAgainstModel(List<Operation> operations) {
        ObjectStore fresh = unchecked(this::createStore);
        Map<ObjectKey, StoredObject> model = new TreeMap<>();
        Map<ObjectKey, Set<Generation>> issued = new TreeMap<>();
        List<Generation> everyGeneration = new ArrayList<>();
        for (Operation operation : operations) {
            ObjectKey key = MODEL_KEYS.get(operation.key() % MODEL_KEYS.size());
            StoredObject current = model.get(key);
            Set<Generation> history = issued.computeIfAbsent(key, k -> new HashSet<>());
            // "current" when the object exists, otherwise some generation the store issued (possibly for another key).
            Generation expected = operation.useCurrent() && current != null
                    ? current.generation()
                    : everyGeneration.isEmpty() ? null : everyGeneration.get(operation.pick() % everyGeneration.size());
            byte[] content = modelContent(operation.content());
            String step = operation + " on " + key + " expecting " + expected;
            switch (operation.kind()) {
                case CREATE -> {
                    Either<StoreFailure, Generation> outcome = fresh.createIfAbsent(key, content);
                    if (current != null) {
                        assertPreconditionFailed(outcome, key);
                    } else {
                        Generation generation = right(outcome);
                        assertThat(history).as(step + ": generation repeated").doesNotContain(generation);
                        history.add(generation);
                        everyGeneration.add(generation);
                        model.put(key, new StoredObject(key, generation, content));
                    }
                }
                case REPLACE -> {
                    if (expected == null) {
                        continue;
                    }
                    Either<StoreFailure, Generation> outcome = fresh.replaceIfUnchanged(key, expected, content);
                    if (current == null || !current.generation().equals(expected)) {
                        assertPreconditionFailed(outcome, key);
                    } else {
                        Generation generation = right(outcome);
                        assertThat(history).as(step + ": generation repeated").doesNotContain(generation);
                        history.add(generation);
                        everyGeneration.add(generation);
                        model.put(key, new StoredObject(key, generation, content));
                    }
                }
                case DELETE -> {
                    if (expected == null) {
                        continue;
                    }
                    Either<StoreFailure, Done> outcome = fresh.deleteIfUnchanged(key, expected);
                    if (current == null) {
                        assertNotFound(outcome, key);
                    } else if (!current.generation().equals(expected)) {
                        assertPreconditionFailed(outcome, key);
                    } else {
                        right(outcome);
                        model.remove(key);
                    }
                }
                case READ -> {
                    if (current == null) {
                        assertNotFound(fresh.read(key), key);
                    } else {
                        StoredObject read = right(fresh.read(key));
                        assertThat(read.generation()).as(step).isEqualTo(current.generation());
                        assertThat(read.content()).as(step).isEqualTo(current.content());
                    }
                }
                case LIST -> {
                    KeyPrefix prefix = MODEL_PREFIXES.get(operation.pick() % MODEL_PREFIXES.size());
                    List<ObjectInfo> expectedListing = model.values().stream()
                            .filter(object -> object.key().startsWith(prefix))
                            .map(StoredObject::info)
                            .toList();
                    assertThat(right(fresh.list(prefix)))
                            .as(step + " listing " + prefix)
                            .containsExactlyElementsOf(expectedListing);
                }
            }
        }
        assertThat(right(fresh.list(KeyPrefix.ROOT)))
                .containsExactlyElementsOf(
                        model.values().stream().map(StoredObject::info).toList());
    }

    private enum Kind {
        CREATE,
        REPLACE,
        DELETE,
        READ,
        LIST
    }

    private record Operation(Kind kind, int key, boolean useCurrent, int pick, int content) {}

    // No key is a folder of another: a filesystem cannot hold a file "p/q" and a file "p/q/r" at once.
    private static final List<ObjectKey> MODEL_KEYS =
            List.of("x", "p/q", "p/q-r", "p/qr/s", "p/qr/t/u", "n=1/ü v.bin").stream()
                    .map(ObjectKey::of)
                    .toList();

    private static final List<KeyPrefix> MODEL_PREFIXES =
            List.of("", "p/", "p/qr/", "p/q/", "p/qr/t/", "n=1/", "zzz/").stream()
                    .map(KeyPrefix::of)
                    .toList();

    private static Gen<Operation> operations() {
        Gen<Kind> kinds = integers().between(0, Kind.values().length - 1).map(i -> Kind.values()[i]);
        return kinds.zip(
                integers().between(0, 5),
                integers().between(0, 3),
                integers().between(0, 9),
                (kind, key, choice, content) -> new Operation(kind, key, choice > 0, content + key, content));
    }

    /** Few distinct contents, most of one size, so that equal content and equal size are common. */
    private static byte[] modelContent(int seed) {
        return seed == 0 ? new byte[0] : bytes("v" + seed);
    }

    private List<String> keysUnder(String prefix) {
        return right(store.list(KeyPrefix.of(prefix))).stream()
                .map(info -> info.key().value())
                .toList();
    }

    private List<ObjectStore> instances(int count) throws Exception {
        List<ObjectStore> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(sameStoreViaAnotherInstance(store));
        }
        return instances;
    }

    /** Runs one task per party, all released at once, and returns their results in party order. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> race(int parties, IntFunction<Callable<? extends T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parties);
        try {
            CyclicBarrier start = new CyclicBarrier(parties);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < parties; i++) {
                Callable<? extends T> task = tasks.apply(i);
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return (T) task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> winners(List<? extends Either<StoreFailure, ?>> outcomes) {
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).isRight()) {
                winners.add(i);
            }
        }
        return Collections.unmodifiableList(winners);
    }

    private static void losersFailedThePrecondition(List<? extends Either<StoreFailure, ?>> outcomes, ObjectKey key) {
        for (Either<StoreFailure, ?> outcome : outcomes) {
            if (outcome.isLeft()) {
                assertPreconditionFailed(outcome, key);
            }
        }
    }

    private static void writePseudoRandom(java.io.OutputStream out, long size, long seed) throws java.io.IOException {
        Random random = new Random(seed);
        byte[] piece = new byte[64 * 1024];
        for (long written = 0; written < size; written += piece.length) {
            random.nextBytes(piece);
            out.write(piece, 0, (int) Math.min(piece.length, size - written));
        }
    }

    private static byte[] digestOfPseudoRandom(long size, long seed) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (java.security.DigestOutputStream out =
                new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), digest)) {
            writePseudoRandom(out, size, seed);
        }
        return digest.digest();
    }

    private static byte[] digestOf(ObjectContent content) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        byte[] piece = new byte[1024 * 1024];
        for (long position = 0; position < content.size(); position += piece.length) {
            int length = (int) Math.min(piece.length, content.size() - position);
            content.readFully(position, piece, 0, length);
            digest.update(piece, 0, length);
        }
        return digest.digest();
    }

    protected static void assertPreconditionFailed(Either<StoreFailure, ?> outcome, ObjectKey key) {
        assertThat(outcome.isLeft())
                .as("expected a precondition failure for %s but got %s", key, outcome)
                .isTrue();
        assertThat(outcome.getLeft())
                .as("failure for %s", key)
                .isInstanceOfSatisfying(
                        StoreFailure.PreconditionFailed.class,
                        failure -> assertThat(failure.key()).isEqualTo(key));
    }

    protected static void assertNotFound(Either<StoreFailure, ?> outcome, ObjectKey key) {
        assertThat(outcome.isLeft())
                .as("expected not-found for %s but got %s", key, outcome)
                .isTrue();
        assertThat(outcome.getLeft()).as("failure for %s", key).isEqualTo(new StoreFailure.NotFound(key));
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(ThrowingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
