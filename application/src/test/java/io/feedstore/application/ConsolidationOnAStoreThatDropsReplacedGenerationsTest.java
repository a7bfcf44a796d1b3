package io.feedstore.application;

import static io.feedstore.application.Releases.GMAIL_DAY;
import static io.feedstore.application.Releases.batch;
import static io.feedstore.application.Releases.put;
import static io.feedstore.application.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.application.InterceptingObjectStore.Op;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.testkit.ForwardingObjectContent;
import io.feedstore.testkit.ForwardingObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * On a store that keeps no replaced generation (GCS without object versioning), content opened by one run cannot
 * be read any more once another run replaced or deleted it. That is a lost race, like a failed compare-and-swap:
 * the run reports a conflict and changes nothing, never a failure, and no row is lost.
 */
class ConsolidationOnAStoreThatDropsReplacedGenerationsTest {

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();

    /** Opened content reads its generation only while the object still has it, as on GCS. */
    private static final class DropsReplacedGenerations extends ForwardingObjectStore {

        DropsReplacedGenerations(ObjectStore store) {
            super(store);
        }

        @Override
        public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
            return delegate().open(key, condition).map(this::readableWhileLive);
        }

        @Override
        public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
            Map<ObjectKey, Either<StoreFailure, ObjectContent>> opened = new LinkedHashMap<>();
            BulkCalls.openAll(delegate(), keys)
                    .forEach((key, content) -> opened.put(key, content.map(this::readableWhileLive)));
            return opened;
        }

        private ObjectContent readableWhileLive(ObjectContent content) {
            ObjectKey key = content.key();
            return new ForwardingObjectContent(content) {
                @Override
                public void readFully(long position, byte[] target, int offset, int length) throws IOException {
                    if (!DropsReplacedGenerations.this
                            .delegate()
                            .read(key)
                            .map(live -> live.generation().equals(content.generation()))
                            .getOrElse(false)) {
                        throw new IOException("No such object: " + key + " generation " + content.generation());
                    }
                    content.readFully(position, target, offset, length);
                }
            };
        }
    }

    private ConsolidatePartitions consolidation(ObjectStore on) {
        return new ConsolidatePartitions(on, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT);
    }

    @Test
    void aConsolidatedFileReplacedByAnotherRunWhileThisOneSummarisesItIsAConflictAndLosesNothing() {
        assertAnotherRunWinsWithoutLoss(call -> call.op() == Op.READ_RANGE);
    }

    @Test
    void aConsolidatedFileReplacedByAnotherRunBeforeThisOneWritesTheWinnersIsAConflictAndLosesNothing() {
        assertAnotherRunWinsWithoutLoss(call -> call.op() == Op.REPLACE);
    }

    /** Another run consolidates the partition once, just before this run's first call that {@code when} picks. */
    private void assertAnotherRunWinsWithoutLoss(Predicate<InterceptingObjectStore.Call> when) {
        put(
                store,
                codec,
                GMAIL_DAY.consolidatedKey(),
                List.of(
                        release("åsa-lindqvist", 1, "Åsa Lindqvist – “Jyväskylä”"),
                        release("ærø", 1, "Ærø färja 東京 🚢")));
        batch(store, codec, List.of(release("jyväskylä", 2, "Jyväskylä – “uutiset”")));
        AtomicBoolean raced = new AtomicBoolean();
        ObjectStore racing = new InterceptingObjectStore(
                new DropsReplacedGenerations(store),
                InterceptingObjectStore.before(
                        call -> when.test(call)
                                && call.isAbout(GMAIL_DAY.consolidatedKey())
                                && raced.compareAndSet(false, true),
                        call -> {
                            batch(store, codec, List.of(release("åsa-lindqvist", 5, "Åsa Lindqvist – “nyare”")));
                            assertThat(consolidation(store)
                                            .consolidate(GMAIL_DAY, RunMode.APPLY)
                                            .status())
                                    .isEqualTo(PartitionStatus.CONSOLIDATED);
                        }));

        PartitionReport report = consolidation(racing).consolidate(GMAIL_DAY, RunMode.APPLY);

        assertThat(raced).isTrue();
        assertThat(report.status()).as("%s", report).isEqualTo(PartitionStatus.CONFLICT);
        List<PressRelease> loaded = new LoadPressReleases(store, codec).load(Releases.DAY, Releases.DAY, Option.none());
        assertThat(loaded)
                .extracting(PressRelease::id)
                .extracting(PressReleaseId::value)
                .containsExactlyInAnyOrder("åsa-lindqvist", "ærø", "jyväskylä");
        assertThat(loaded)
                .filteredOn(r -> r.id().value().equals("åsa-lindqvist"))
                .extracting(PressRelease::title)
                .containsExactly(Option.of("Åsa Lindqvist – “nyare”"));
    }
}
