package io.feedstore.application;

import static io.feedstore.application.Mailboxes.ingest;
import static io.feedstore.application.Mailboxes.mailboxes;
import static io.feedstore.application.Mailboxes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Archiving several messages at once changes nothing but the time it takes: the report (its rejected messages in
 * input order) and the rows are those of a one-at-a-time run, and no more messages are in flight than allowed.
 */
class ConcurrentArchivingTest {

    private static final Source GMAIL = Source.of("gmail");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-01T08:00:00Z"), ZoneOffset.UTC);

    private final RecordCodec codec = new SerializingTestCodec();

    @Test
    void anyNumberOfArchiversGivesTheReportAndTheRowsOfOneAtATime() {
        qt().withExamples(60).forAll(mailboxes(), integers().between(2, 8)).checkAssert((mailbox, archivers) -> {
            InMemoryObjectStore alone = new InMemoryObjectStore();
            EmailIngestReport oneAtATime = run(ingest(alone, codec, CLOCK, 1), mailbox);
            InMemoryObjectStore together = new InMemoryObjectStore();
            EmailIngestReport atOnce = run(ingest(together, codec, CLOCK, archivers), mailbox);

            assertThat(atOnce.read()).isEqualTo(oneAtATime.read());
            assertThat(atOnce.archived()).isEqualTo(oneAtATime.archived());
            assertThat(atOnce.alreadyArchived()).isEqualTo(oneAtATime.alreadyArchived());
            assertThat(atOnce.parsed()).isEqualTo(oneAtATime.parsed());
            assertThat(atOnce.rejected()).containsExactlyElementsOf(oneAtATime.rejected());
            assertThat(load(together)).isEqualTo(load(alone));
            assertThat(bronze(together)).isEqualTo(bronze(alone));
        });
    }

    @Test
    void slowArchivesOverlapButNeverMoreThanTheArchiversAllowed() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ObjectStore slow = new InterceptingObjectStore(
                new InMemoryObjectStore(),
                InterceptingObjectStore.before(
                        call -> call.op() == InterceptingObjectStore.Op.CREATE
                                && call.target().endsWith("/message.eml"),
                        call -> {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            try {
                                Thread.sleep(30);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            inside.decrementAndGet();
                        }));
        List<IncomingEmail> mailbox = new ArrayList<>();
        for (int seed = 0; seed < 24; seed++) {
            mailbox.add(new IncomingEmail(
                    "Pressmeddelanden – “Öresund” " + seed + ".eml",
                    Mailboxes.message(seed).getBytes(StandardCharsets.UTF_8),
                    Option.none(),
                    Option.none()));
        }

        EmailIngestReport report = run(ingest(slow, codec, CLOCK, 4), mailbox);

        assertThat(report.archived()).isEqualTo(24);
        assertThat(most.get()).isBetween(2, 4);
    }

    private static EmailIngestReport run(IngestEmails ingest, List<IncomingEmail> mailbox) {
        try {
            return ingest.ingest(of(mailbox), GMAIL);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every bronze object and the digest of its content. */
    private static java.util.Map<io.feedstore.domain.store.ObjectKey, String> bronze(ObjectStore store) {
        StoreSnapshot snapshot = StoreSnapshot.of(store);
        java.util.Map<io.feedstore.domain.store.ObjectKey, String> digests = new java.util.TreeMap<>();
        snapshot.keysUnder(io.feedstore.domain.bronze.RawItem.ROOT)
                .forEach(key -> digests.put(key, snapshot.digests().get(key)));
        return digests;
    }

    private List<PressRelease> load(ObjectStore store) {
        return new LoadPressReleases(store, codec)
                .load(LocalDate.of(1970, 1, 1), LocalDate.of(2025, 12, 31), Option.none());
    }
}
