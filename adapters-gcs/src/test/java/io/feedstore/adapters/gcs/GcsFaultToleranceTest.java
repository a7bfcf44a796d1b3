package io.feedstore.adapters.gcs;

import static io.feedstore.testkit.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoreFailure.IoFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.gcsserver.Fault;
import io.feedstore.gcsserver.Operation;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the GCS store does when the network or the service misbehaves, with faults injected by the test server:
 * transient answers are retried until the call succeeds, lasting failures become I/O failures that name bucket
 * and key, a write whose answer was lost is neither lost nor reported as a conflict, and a dead endpoint fails
 * within the configured time.
 */
class GcsFaultToleranceTest {

    private GcsFixture fixture;
    private GcsStore store;
    private String root;

    @BeforeEach
    void start() {
        fixture = new GcsFixture(1000);
        URI uri = fixture.uniqueStoreUri();
        store = fixture.open(uri, fixture.settings());
        root = uri.getPath().substring(1) + "/";
        fixture.server.stats().reset();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void transientUnavailableAndRateLimitAnswersAreRetriedUntilEveryKindOfCallSucceeds() {
        ObjectKey key = ObjectKey.of("p/object.bin");
        fixture.server
                .faults()
                .next(Operation.UPLOAD, 2, Fault.unavailable())
                .next(Operation.UPLOAD, 1, Fault.tooManyRequests());
        Generation generation = right(store.createIfAbsent(key, bytes("one")));
        assertThat(fixture.server.stats().count(Operation.UPLOAD)).isEqualTo(4);

        fixture.server.faults().next(Operation.UPLOAD, 2, Fault.unavailable());
        Generation second = right(store.replaceIfUnchanged(key, generation, bytes("two")));

        fixture.server
                .faults()
                .next(Operation.METADATA, 1, Fault.tooManyRequests())
                .next(Operation.DOWNLOAD, 2, Fault.unavailable());
        StoredObject read = right(store.read(key));
        assertThat(read.content()).isEqualTo(bytes("two"));
        assertThat(read.generation()).isEqualTo(second);

        fixture.server.faults().next(Operation.LIST, 2, Fault.internalError());
        assertThat(right(store.list(KeyPrefix.ROOT)))
                .extracting(ObjectInfo::key)
                .containsExactly(key);

        fixture.server.faults().next(Operation.DELETE, 2, Fault.unavailable());
        assertThat(right(store.deleteIfUnchanged(key, second))).isEqualTo(Done.DONE);
        assertThat(fixture.server.objectNames(GcsFixture.BUCKET)).isEmpty();
        assertThat(fixture.server.faults().injected()).isEqualTo(12);
    }

    @Test
    void aServiceThatKeepsFailingAfterNCallsGivesIoFailuresNamingBucketAndKey() {
        GcsStore store = givingUpAfterOneSecond();
        ObjectKey first = ObjectKey.of("p/first.bin");
        ObjectKey second = ObjectKey.of("p/second.bin");
        fixture.server.faults().failAfter(null, 2, Fault.unavailable());
        right(store.createIfAbsent(first, bytes("1")));
        right(store.createIfAbsent(second, bytes("2")));

        List<Either<StoreFailure, ?>> outcomes = List.of(
                store.createIfAbsent(ObjectKey.of("p/third.bin"), bytes("3")),
                store.read(first),
                store.list(KeyPrefix.of("p/")),
                store.deleteIfUnchanged(second, Generation.of(1L)));

        List<String> targets = List.of(root + "p/third.bin", root + "p/first.bin", root + "p/", root + "p/second.bin");
        for (int i = 0; i < outcomes.size(); i++) {
            String target = "gs://" + GcsFixture.BUCKET + "/" + targets.get(i);
            assertThat(outcomes.get(i).getLeft()).isInstanceOfSatisfying(IoFailure.class, failure -> {
                assertThat(failure.target()).isEqualTo(target);
                assertThat(failure.message()).contains(target).contains("HTTP 503");
            });
        }
        assertThat(fixture.server.objectNames(GcsFixture.BUCKET))
                .containsExactly(root + "p/first.bin", root + "p/second.bin");
    }

    @Test
    void aRefusalThatIsNotTransientIsAnIoFailureAtOnceWithoutRetrying() {
        ObjectKey key = ObjectKey.of("p/forbidden.bin");
        fixture.server.faults().next(Fault.forbidden());

        Either<StoreFailure, Generation> outcome = store.createIfAbsent(key, bytes("x"));

        assertThat(outcome.getLeft()).isInstanceOfSatisfying(IoFailure.class, failure -> {
            assertThat(failure.target()).isEqualTo("gs://" + GcsFixture.BUCKET + "/" + root + "p/forbidden.bin");
            assertThat(failure.detail()).contains("HTTP 403");
        });
        assertThat(fixture.server.stats().count(Operation.UPLOAD)).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerWasLostAfterItLandedSucceedsWithoutAFalseConflictOrASecondObject() {
        ObjectKey key = ObjectKey.of("p/batch_0001.parquet");
        fixture.server.faults().next(Operation.UPLOAD, 1, Fault.dropResponse());

        Generation generation = right(store.createIfAbsent(key, bytes("records")));

        String name = root + "p/batch_0001.parquet";
        assertThat(fixture.server.objectNames(GcsFixture.BUCKET)).containsExactly(name);
        assertThat(fixture.server.content(GcsFixture.BUCKET, name))
                .hasValueSatisfying(content -> assertThat(content).isEqualTo(bytes("records")));
        assertThat(generation)
                .isEqualTo(Generation.of(
                        fixture.server.generation(GcsFixture.BUCKET, name).get()));
        // The first attempt landed, the retry met its own object (412), and the write id proved it ours.
        assertThat(fixture.server.stats().count(Operation.UPLOAD)).isEqualTo(2);
        assertThat(right(store.read(key)).generation()).isEqualTo(generation);
    }

    @Test
    void aReplaceWhoseAnswerWasLostAfterItLandedSucceedsWithTheNewGeneration() {
        ObjectKey key = ObjectKey.of("p/consolidated.parquet");
        Generation first = right(store.createIfAbsent(key, bytes("v1")));
        fixture.server.faults().next(Operation.UPLOAD, 1, Fault.dropResponse());

        Generation second = right(store.replaceIfUnchanged(key, first, bytes("v2")));

        StoredObject read = right(store.read(key));
        assertThat(read.generation()).isEqualTo(second).isNotEqualTo(first);
        assertThat(read.content()).isEqualTo(bytes("v2"));
    }

    @Test
    void aLostAnswerStillLeavesARealConflictAConflict() {
        ObjectKey key = ObjectKey.of("p/taken.bin");
        GcsStore other = fixture.open(URI.create(store.describe()), fixture.settings());
        right(other.createIfAbsent(key, bytes("theirs")));
        fixture.server.faults().next(Operation.UPLOAD, 1, Fault.dropConnection());

        Either<StoreFailure, Generation> outcome = store.createIfAbsent(key, bytes("ours"));

        assertThat(outcome.getLeft()).isInstanceOf(StoreFailure.PreconditionFailed.class);
        assertThat(right(store.read(key)).content()).isEqualTo(bytes("theirs"));
    }

    @Test
    void whenItCannotBeToldWhetherALostWriteLandedTheOutcomeIsAnIoFailureNeverASuccessOrAConflict() {
        GcsStore store = givingUpAfterOneSecond();
        ObjectKey key = ObjectKey.of("p/unknown.bin");
        fixture.server
                .faults()
                .next(Operation.UPLOAD, 1, Fault.dropResponse())
                .next(Operation.METADATA, 10, Fault.unavailable());

        Either<StoreFailure, Generation> outcome = store.createIfAbsent(key, bytes("data"));

        assertThat(outcome.getLeft())
                .isInstanceOfSatisfying(
                        IoFailure.class, failure -> assertThat(failure.detail()).contains("had landed"));
        // Nothing is lost: the object is there for the next listing to find.
        fixture.server.faults().clear();
        assertThat(fixture.server.content(GcsFixture.BUCKET, root + "p/unknown.bin"))
                .isPresent();
        assertThat(right(store.read(key)).content()).isEqualTo(bytes("data"));
    }

    @Test
    void aConnectionDroppedBeforeTheWriteLandedIsRetriedAndWritesExactlyOnce() {
        ObjectKey key = ObjectKey.of("p/dropped.bin");
        fixture.server.faults().next(Operation.UPLOAD, 2, Fault.dropConnection());

        Generation generation = right(store.createIfAbsent(key, bytes("data")));

        assertThat(fixture.server.objectNames(GcsFixture.BUCKET)).containsExactly(root + "p/dropped.bin");
        assertThat(right(store.read(key)).generation()).isEqualTo(generation);
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsRetriedAndTheLateFirstAttemptChangesNothing() throws Exception {
        GcsStore impatient = fixture.open(
                URI.create(store.describe()),
                fixture.settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        ObjectKey key = ObjectKey.of("p/slow.bin");
        // The first attempt waits 1.5 s before it is handled; the client gives up after 300 ms and retries.
        fixture.server.faults().next(Operation.UPLOAD, 1, Fault.delay(Duration.ofMillis(1500)));

        Generation generation = right(impatient.createIfAbsent(key, bytes("data")));
        Thread.sleep(1800);

        // The late first attempt met the retry's object and was refused by its precondition.
        assertThat(fixture.server.generation(GcsFixture.BUCKET, root + "p/slow.bin"))
                .hasValue(Long.parseLong(generation.token()));
        fixture.server.faults().next(Operation.DOWNLOAD, 1, Fault.delay(Duration.ofMillis(1000)));
        assertThat(right(impatient.read(key)).content()).isEqualTo(bytes("data"));
    }

    @Test
    void aClosedPortFailsEveryCallWithinTheConfiguredRetryTime() throws IOException {
        URI dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        GcsStore unreachable = fixture.open(
                URI.create("gs://some-bucket/x"),
                GcsSettings.defaults()
                        .withEmulatorHost(dead)
                        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500))
                        .withRetries(Duration.ofSeconds(1), Duration.ofMillis(50), 1000));

        List<Supplier<Either<StoreFailure, ?>>> calls = List.of(
                () -> unreachable.list(KeyPrefix.ROOT),
                () -> unreachable.read(ObjectKey.of("a.bin")),
                () -> unreachable.createIfAbsent(ObjectKey.of("a.bin"), bytes("x")),
                () -> unreachable.deleteIfUnchanged(ObjectKey.of("a.bin"), Generation.of(5L)));
        for (Supplier<Either<StoreFailure, ?>> call : calls) {
            long started = System.nanoTime();
            Either<StoreFailure, ?> outcome = call.get();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(outcome.getLeft()).isInstanceOfSatisfying(IoFailure.class, failure -> {
                assertThat(failure.target()).startsWith("gs://some-bucket/x/");
                assertThat(failure.detail()).containsIgnoringCase("connect");
            });
            assertThat(took).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void anEndpointThatAcceptsButNeverAnswersFailsWithinTimeoutsAndRetryTime() throws IOException {
        // A listening socket that never accepts: connections complete (backlog) and then hear nothing.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            GcsStore hanging = fixture.open(
                    URI.create("gs://some-bucket"),
                    GcsSettings.defaults()
                            .withEmulatorHost(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                            .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))
                            .withRetries(Duration.ofSeconds(1), Duration.ofMillis(50), 1000));
            long started = System.nanoTime();

            Either<StoreFailure, StoredObject> outcome = hanging.read(ObjectKey.of("a.bin"));

            assertThat(outcome.getLeft())
                    .isInstanceOfSatisfying(
                            IoFailure.class,
                            failure -> assertThat(failure.target()).isEqualTo("gs://some-bucket/a.bin"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void readAllAndDeleteAllKeepAtMostTheConfiguredNumberOfRequestsInFlight() {
        GcsStore bounded =
                fixture.open(URI.create(store.describe()), fixture.settings().withMaxConcurrentRequests(3));
        Map<ObjectKey, Generation> written = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            ObjectKey key = ObjectKey.of("legacy/row_" + i + ".parquet");
            written.put(key, right(bounded.createIfAbsent(key, bytes("row " + i))));
        }
        // Every request takes 40 ms, so requests overlap whenever the store lets them.
        fixture.server.faults().next(null, 200, Fault.delay(Duration.ofMillis(40)));
        fixture.server.stats().reset();

        Map<ObjectKey, Either<StoreFailure, StoredObject>> read = bounded.readAll(new ArrayList<>(written.keySet()));

        assertThat(read.keySet()).containsExactlyElementsOf(written.keySet());
        read.forEach((key, outcome) -> {
            assertThat(right(outcome).generation()).isEqualTo(written.get(key));
            assertThat(new String(right(outcome).content(), StandardCharsets.UTF_8))
                    .isEqualTo("row " + key.name().replaceAll("\\D", ""));
        });
        assertThat(fixture.server.stats().maxInFlight()).isBetween(2, 3);

        fixture.server.stats().reset();
        Map<ObjectKey, Either<StoreFailure, Done>> deleted = bounded.deleteAllIfUnchanged(written);

        assertThat(deleted.values())
                .allSatisfy(outcome -> assertThat(right(outcome)).isEqualTo(Done.DONE));
        assertThat(fixture.server.stats().maxInFlight()).isBetween(2, 3);
        assertThat(fixture.server.objectNames(GcsFixture.BUCKET)).isEmpty();
    }

    /** The client multiplies its jittered back-off, so six attempts can take seconds; failure tests need less. */
    private GcsStore givingUpAfterOneSecond() {
        return fixture.open(
                URI.create(store.describe()),
                fixture.settings().withRetries(Duration.ofSeconds(1), Duration.ofMillis(20), 6));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
