package io.feedstore.application;

import static io.feedstore.application.Releases.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.application.InterceptingObjectStore.Op;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.SerializingTestCodec;
import io.vavr.control.Option;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestPressReleasesTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 15);

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();

    private IngestPressReleases ingest(ObjectStore on, int batchSize) {
        return new IngestPressReleases(on, codec, new PipeSeparatedLines(),
                new BatchWriterSettings(batchSize), CLOCK);
    }

    private List<PressRelease> loaded() {
        return new LoadPressReleases(store, codec).load(DAY.minusDays(5), DAY.plusDays(5), Option.none());
    }

    private String deadLetters(ObjectKey key) {
        return new String(store.read(key).get().content(), StandardCharsets.UTF_8);
    }

    @Test
    void validLinesAreStoredInvalidOnesKeptAsDeadLettersAndBlankOnesSkipped() {
        String input = String.join("\n",
                "a|gmail|2025-01-15|2025-01-15T10:00:00Z|A",
                "",
                "b|../etc|2025-01-15||B",
                "c|rss|2025-02-30||C",
                "   ",
                "d|rss|2025-01-15|2025-01-15T12:00:00+02:00|D",
                "nonsense");

        IngestReport report = ingest(store, 100).ingest(new BufferedReader(new StringReader(input)));

        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.rejects()).extracting(Reject::lineNumber).containsExactly(3L, 4L, 7L);
        assertThat(report.rejects().get(0).reason()).contains("source").contains("../etc");
        assertThat(report.rejects().get(1).reason()).contains("release_date").contains("2025-02-30");
        assertThat(report.batches()).hasSize(2);
        ObjectKey key = report.deadLetters().get();
        assertThat(key.parent()).isEqualTo(StoreLayout.REJECTS);
        assertThat(key.name()).matches("ingest_20250116_030405_[a-z0-9]{10}\\.jsonl");
        assertThat(deadLetters(key).lines().toList()).containsExactly(
                "3\t" + report.rejects().get(0).reason() + "\tb|../etc|2025-01-15||B",
                "4\t" + report.rejects().get(1).reason() + "\tc|rss|2025-02-30||C",
                "7\t" + report.rejects().get(2).reason() + "\tnonsense");
        assertThat(loaded()).extracting(r -> r.id().value()).containsExactly("a", "d");
        assertThat(loaded().get(1).ingestedAt().get()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
    }

    @Test
    void withoutRejectsNoDeadLetterObjectIsWritten() {
        IngestReport report = ingest(store, 100).ingest(List.of("a|gmail|2025-01-15||A").iterator());
        assertThat(report.rejects()).isEmpty();
        assertThat(report.hasRejects()).isFalse();
        assertThat(report.deadLetters()).isEmpty();
        assertThat(StoreSnapshot.of(store).keysUnder(StoreLayout.REJECTS)).isEmpty();
    }

    @Test
    void aLineWithoutIngestedAtGetsTheTimeOfIngestion() {
        ingest(store, 100).ingest(List.of("a|gmail|2025-01-15||A").iterator());
        assertThat(loaded()).singleElement()
                .satisfies(r -> assertThat(r.ingestedAt().get()).isEqualTo(CLOCK.instant()));
    }

    @Test
    void whenStoringFailsTheDeadLettersAreStillWrittenAndTheErrorPropagates() {
        InterceptingObjectStore batchesFail = new InterceptingObjectStore(store, InterceptingObjectStore.failing(
                c -> c.op() == Op.CREATE && c.target().startsWith(StoreLayout.TABLE.value()),
                InterceptingObjectStore::ioFailure));

        assertThatThrownBy(() -> ingest(batchesFail, 1).ingest(List.of(
                "x|BAD|2025-01-15||X", "a|gmail|2025-01-15||A", "b|gmail|2025-01-15||B").iterator()))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.partial().rejects()).extracting(Reject::lineNumber).containsExactly(1L);
                    assertThat(e.partial().deadLetters().isDefined()).isTrue();
                    assertThat(e.partial().batches()).isEmpty();
                    assertThat(e.getCause()).isInstanceOf(BatchWriteException.class);
                })
                .hasMessageContaining("stopped at line 2")
                .hasMessageContaining("injected I/O failure")
                .hasMessageContaining("kept in rejects/");
        assertThat(StoreSnapshot.of(store).keysUnder(StoreLayout.REJECTS)).hasSize(1);
    }

    @Test
    void deadLettersThatCannotBeWrittenFailTheRunAfterTheBatchesAreStored() {
        InterceptingObjectStore rejectsFail = new InterceptingObjectStore(store, InterceptingObjectStore.failing(
                c -> c.target().startsWith(StoreLayout.REJECTS.value()), InterceptingObjectStore::ioFailure));

        assertThatThrownBy(() -> ingest(rejectsFail, 100).ingest(List.of("x|BAD|2025-01-15||X", "a|gmail|2025-01-15||A").iterator()))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.partial().rejects()).hasSize(1);
                    assertThat(e.partial().deadLetters()).isEmpty();
                    assertThat(e.partial().accepted()).isEqualTo(1);
                })
                .hasMessageContaining("could not write the 1 dead letters");
        assertThat(loaded()).hasSize(1);
    }

    /** Every non-blank line ends up exactly once: stored (newest version per id) or dead-lettered with its number. */
    @Test
    void everyNonBlankLineIsEitherStoredOrDeadLetteredWithItsNumber() {
        List<String> kinds = List.of("valid", "valid", "valid", "blank", "bad-source", "bad-date", "garbage");
        qt().withExamples(100).forAll(lists().of(integers().between(0, kinds.size() - 1).zip(
                ReleaseGenerators.releases(), (k, r) -> line(kinds.get(k), r))).ofSizeBetween(0, 30), integers().between(1, 5))
                .checkAssert((lines, batchSize) -> {
                    InMemoryObjectStore fresh = new InMemoryObjectStore();
                    IngestReport report = new IngestPressReleases(fresh, codec, new PipeSeparatedLines(),
                            new BatchWriterSettings(batchSize), CLOCK).ingest(lines.iterator());

                    List<PressRelease> valid = new ArrayList<>();
                    List<Long> invalid = new ArrayList<>();
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).isBlank()) {
                            continue;
                        }
                        int number = i + 1;
                        new PipeSeparatedLines().parse(lines.get(i), CLOCK.instant())
                                .peek(valid::add).peekLeft(reason -> invalid.add((long) number));
                    }
                    assertThat(report.accepted()).isEqualTo(valid.size());
                    assertThat(report.rejects()).extracting(Reject::lineNumber).isEqualTo(invalid);
                    assertThat(report.deadLetters().isDefined()).isEqualTo(!invalid.isEmpty());
                    report.deadLetters().forEach(key -> assertThat(
                            new String(fresh.read(key).get().content(), StandardCharsets.UTF_8).lines().count())
                            .isEqualTo(invalid.size()));
                    assertThat(new LoadPressReleases(fresh, codec).load(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31),
                            Option.none())).containsExactlyInAnyOrderElementsOf(Deduplication.newestPerId(valid).records());
                });
    }

    private static String line(String kind, PressRelease r) {
        String ingested = r.ingestedAt().map(Instant::toString).getOrElse("");
        String title = r.title().getOrElse("");
        return switch (kind) {
            case "valid" -> r.id() + "|" + r.source() + "|" + r.releaseDate() + "|" + ingested + "|" + title;
            case "blank" -> "  ";
            case "bad-source" -> r.id() + "|" + r.source() + "/x|" + r.releaseDate() + "|" + ingested + "|" + title;
            case "bad-date" -> r.id() + "|" + r.source() + "|" + r.releaseDate() + "T|" + ingested + "|" + title;
            default -> "{" + r.id();
        };
    }

    @Test
    void theTestDoubleRejectsWhatTheDomainRejects() {
        assertThat(new PipeSeparatedLines().parse("a|A|2025-01-15||t", CLOCK.instant()).getLeft()).contains("source");
        assertThat(new PipeSeparatedLines().parse("a|a|2025-01-15||t", CLOCK.instant()).get().id())
                .isEqualTo(PressReleaseId.of("a"));
        assertThat(new PipeSeparatedLines().parse("a|a|2025-01-15||t", CLOCK.instant()).get().source())
                .isEqualTo(Source.of("a"));
    }
}
