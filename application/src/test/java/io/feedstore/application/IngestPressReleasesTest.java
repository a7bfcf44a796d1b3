package io.feedstore.application;

import static io.feedstore.application.Releases.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.application.InterceptingObjectStore.Op;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IngestPressReleasesTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 15);

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordCodec codec = new SerializingTestCodec();

    private IngestPressReleases ingest(ObjectStore on, int batchSize) {
        return new IngestPressReleases(on, codec, new PipeSeparatedLines(), new BatchWriterSettings(batchSize), CLOCK);
    }

    private List<PressRelease> loaded() {
        return new LoadPressReleases(store, codec).load(DAY.minusDays(5), DAY.plusDays(5), Option.none());
    }

    private String deadLetters(ObjectKey key) {
        return new String(store.read(key).get().content(), StandardCharsets.UTF_8);
    }

    @Test
    void validLinesAreStoredInvalidOnesKeptAsDeadLettersAndBlankOnesSkipped() {
        String input = String.join(
                "\n",
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
        assertThat(report.deadLetters()).hasSize(1);
        ObjectKey key = report.deadLetters().get(0);
        assertThat(key.parent()).isEqualTo(StoreLayout.REJECTS);
        assertThat(key.name()).matches("ingest_20250116_030405_[a-z0-9]{10}\\.jsonl");
        assertThat(deadLetters(key).lines().toList())
                .containsExactly(
                        "3\t" + report.rejects().get(0).reason() + "\tb|../etc|2025-01-15||B",
                        "4\t" + report.rejects().get(1).reason() + "\tc|rss|2025-02-30||C",
                        "7\t" + report.rejects().get(2).reason() + "\tnonsense");
        assertThat(loaded()).extracting(r -> r.id().value()).containsExactly("a", "d");
        assertThat(loaded().get(1).ingestedAt().get()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
    }

    @Test
    void withoutRejectsNoDeadLetterObjectIsWritten() {
        IngestReport report =
                ingest(store, 100).ingest(List.of("a|gmail|2025-01-15||A").iterator());
        assertThat(report.rejects()).isEmpty();
        assertThat(report.hasRejects()).isFalse();
        assertThat(report.deadLetters()).isEmpty();
        assertThat(StoreSnapshot.of(store).keysUnder(StoreLayout.REJECTS)).isEmpty();
    }

    @Test
    void aLineWithoutIngestedAtGetsTheTimeOfIngestion() {
        ingest(store, 100).ingest(List.of("a|gmail|2025-01-15||A").iterator());
        assertThat(loaded())
                .singleElement()
                .satisfies(r -> assertThat(r.ingestedAt().get()).isEqualTo(CLOCK.instant()));
    }

    @Test
    void whenStoringFailsTheDeadLettersAreStillWrittenAndTheErrorPropagates() {
        InterceptingObjectStore batchesFail = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.CREATE && c.target().startsWith(StoreLayout.TABLE.value()),
                        InterceptingObjectStore::ioFailure));

        assertThatThrownBy(() -> ingest(batchesFail, 1)
                        .ingest(List.of("x|BAD|2025-01-15||X", "a|gmail|2025-01-15||A", "b|gmail|2025-01-15||B")
                                .iterator()))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.partial().rejects())
                            .extracting(Reject::lineNumber)
                            .containsExactly(1L);
                    assertThat(e.partial().deadLetters()).hasSize(1);
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
        InterceptingObjectStore rejectsFail = new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.target().startsWith(StoreLayout.REJECTS.value()), InterceptingObjectStore::ioFailure));

        assertThatThrownBy(() -> ingest(rejectsFail, 100)
                        .ingest(List.of("x|BAD|2025-01-15||X", "a|gmail|2025-01-15||A")
                                .iterator()))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.partial().rejects()).hasSize(1);
                    assertThat(e.partial().deadLetters()).isEmpty();
                    assertThat(e.partial().accepted()).isEqualTo(1);
                })
                .hasMessageContaining("could not write the 1 dead letter:");
        assertThat(loaded()).hasSize(1);
    }

    @Test
    void aStoreFailureStopsTheRunAtOnceWithoutTryingTheOtherPartitionsAndNamesASafeResumePoint() {
        AtomicInteger batchAttempts = new AtomicInteger();
        InterceptingObjectStore batchesFail = batchWritesFail(batchAttempts);

        assertThatThrownBy(() -> ingest(batchesFail, 2)
                        .ingest(List.of(
                                        "åsa|rss|2025-01-14||Åsa Lindqvist – “one”",
                                        "x|BAD|2025-01-15||X",
                                        "b|gmail|2025-01-15||B",
                                        "c|gmail|2025-01-15||C",
                                        "d|gmail|2025-01-15||D")
                                .iterator()))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.partial().storedThrough()).isZero();
                    assertThat(e.partial().linesRead()).isEqualTo(4);
                    assertThat(e.partial().deadLetters()).hasSize(1);
                })
                .hasMessageStartingWith("stopped at line 4: could not write batch")
                .hasMessageContaining("resume at line 1 (tail -n +1)")
                .hasMessageContaining("resend the whole input, which is always safe")
                .hasMessageContaining("0 batch files written")
                .hasMessageNotContaining("line 0")
                .hasMessageNotContaining("still buffered");
        assertThat(batchAttempts)
                .as("no partition is tried after the first failure")
                .hasValue(1);
    }

    @Test
    void aFailureAtTheEndIsReportedAfterTheLastLineAndFlushesNoFurtherPartitions() {
        AtomicInteger batchAttempts = new AtomicInteger();
        InterceptingObjectStore batchesFail = batchWritesFail(batchAttempts);

        assertThatThrownBy(() -> ingest(batchesFail, 100)
                        .ingest(List.of("a|gmail|2025-01-14||A", "b|rss|2025-01-15||B", "c|web|2025-01-15||C")
                                .iterator()))
                .isInstanceOfSatisfying(
                        IngestException.class,
                        e -> assertThat(e.partial().storedThrough()).isZero())
                .hasMessageStartingWith("stopped after line 3: could not write batch")
                .hasMessageContaining("0 batch files written");
        assertThat(batchAttempts).hasValue(1);
    }

    /** Whenever the store starts failing, every line up to the reported resume point is stored or dead-lettered. */
    @Test
    void everyLineUpToTheReportedResumePointIsStoredOrDeadLetteredWheneverTheStoreFails() {
        qt().withExamples(60)
                .forAll(
                        lists().of(integers().between(0, 9)).ofSizeBetween(1, 60),
                        integers().between(1, 4),
                        integers().between(0, 12))
                .checkAssert((kinds, batchSize, failAfter) -> {
                    InMemoryObjectStore fresh = new InMemoryObjectStore();
                    AtomicInteger creates = new AtomicInteger();
                    InterceptingObjectStore failing = new InterceptingObjectStore(
                            fresh,
                            InterceptingObjectStore.failing(
                                    c -> c.op() == Op.CREATE
                                            && c.target().startsWith(StoreLayout.TABLE.value())
                                            && creates.incrementAndGet() > failAfter,
                                    InterceptingObjectStore::ioFailure));
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < kinds.size(); i++) {
                        int kind = kinds.get(i);
                        lines.add(
                                kind == 0
                                        ? "bad-" + i + "|Ærø|2025-01-15||X"
                                        : "r" + i + "|"
                                                + List.of("gmail", "rss", "web").get(kind % 3) + "|2025-01-1"
                                                + (kind % 2 + 4) + "||Jyväskylä “" + i + "”");
                    }
                    IngestReport report;
                    try {
                        report = new IngestPressReleases(
                                        failing,
                                        codec,
                                        new PipeSeparatedLines(),
                                        new BatchWriterSettings(batchSize),
                                        CLOCK)
                                .ingest(lines.iterator());
                    } catch (IngestException e) {
                        report = e.partial();
                    }
                    List<String> stored = new LoadPressReleases(fresh, codec)
                            .load(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31), Option.none()).stream()
                                    .map(r -> r.id().value())
                                    .toList();
                    String letters = StoreSnapshot.of(fresh).keysUnder(StoreLayout.REJECTS).stream()
                            .map(k -> new String(fresh.read(k).get().content(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining());
                    for (int i = 0; i < report.storedThrough(); i++) {
                        if (kinds.get(i) == 0) {
                            assertThat(letters).contains((i + 1) + "\t");
                        } else {
                            assertThat(stored).contains("r" + i);
                        }
                    }
                });
    }

    @Test
    void aStopRequestEndsTheRunAfterTheCurrentLineWithEverythingReadStored() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(i % 7 == 3 ? "bad|Ærø|2025-01-15||X" : "r" + i + "|gmail|2025-01-15||Åsa – " + i);
        }
        AtomicInteger polls = new AtomicInteger();
        IngestControl stopAfterTwenty = new IngestControl() {
            @Override
            public boolean stopRequested() {
                return polls.incrementAndGet() > 20;
            }

            @Override
            public void progress(IngestReport soFar) {}
        };

        IngestReport report = ingest(store, 8).ingest(lines.iterator(), stopAfterTwenty);

        assertThat(report.stopped()).isTrue();
        assertThat(report.linesRead()).isEqualTo(20);
        assertThat(report.storedThrough()).isEqualTo(20);
        assertThat(report.rejects()).extracting(Reject::lineNumber).containsExactly(4L, 11L, 18L);
        assertThat(report.deadLetters()).hasSize(1);
        assertThat(loaded()).hasSize(17);
    }

    @Test
    void deadLettersAreWrittenInChunksAsTheRunGoesAndProgressIsReportedWithTheResumePoint() {
        List<String> lines = new ArrayList<>();
        int total = 2 * IngestPressReleases.PROGRESS_EVERY + 500;
        for (int i = 0; i < total; i++) {
            lines.add(i % 9 == 0 ? "bad-" + i + "|Ærø|2025-01-15||X" : "r" + i + "|gmail|2025-01-15||Åsa " + i);
        }
        List<IngestReport> progress = new ArrayList<>();
        List<Integer> objectsAtProgress = new ArrayList<>();
        IngestControl watch = new IngestControl() {
            @Override
            public boolean stopRequested() {
                return false;
            }

            @Override
            public void progress(IngestReport soFar) {
                progress.add(soFar);
                objectsAtProgress.add(
                        StoreSnapshot.of(store).keysUnder(StoreLayout.REJECTS).size());
            }
        };

        IngestReport report = ingest(store, 1_000).ingest(lines.iterator(), watch);

        assertThat(progress).extracting(IngestReport::linesRead).containsExactly(10_000L, 20_000L);
        assertThat(progress)
                .allSatisfy(p -> assertThat(p.storedThrough()).isBetween(p.linesRead() - 1_000, p.linesRead()));
        assertThat(objectsAtProgress.get(0))
                .as("dead letters written before the first progress")
                .isPositive();
        assertThat(report.deadLetters())
                .hasSizeGreaterThan(2)
                .hasSameSizeAs(StoreSnapshot.of(store).keysUnder(StoreLayout.REJECTS));
        assertThat(report.storedThrough()).isEqualTo(total);
    }

    @Test
    void anIngestedAtMoreThanTheSkewAfterTheRunStartedIsDeadLetteredWithTheReason() {
        IngestReport report = ingest(store, 100)
                .ingest(List.of(
                                "typo|gmail|2025-01-15|2099-01-15T10:00:00Z|Åsa Lindqvist – “2099”",
                                "edge|gmail|2025-01-15|2025-01-16T03:14:05Z|at the skew exactly",
                                "late|gmail|2025-01-15|2025-01-16T03:14:05.000001Z|a microsecond past it")
                        .iterator());

        assertThat(report.rejects()).extracting(Reject::lineNumber).containsExactly(1L, 3L);
        assertThat(report.rejects().get(0).reason())
                .contains(
                        "ingested_at '2099-01-15T10:00:00Z'",
                        "more than 10m after this run started (2025-01-16T03:04:05Z)");
        assertThat(loaded()).extracting(r -> r.id().value()).containsExactly("edge");
    }

    /** Every non-blank line ends up exactly once: stored (newest version per id) or dead-lettered with its number. */
    @Test
    void everyNonBlankLineIsEitherStoredOrDeadLetteredWithItsNumber() {
        List<String> kinds = List.of("valid", "valid", "valid", "blank", "bad-source", "bad-date", "garbage");
        qt().withExamples(100)
                .forAll(
                        lists().of(integers()
                                        .between(0, kinds.size() - 1)
                                        .zip(ReleaseGenerators.releases(), (k, r) -> line(kinds.get(k), r)))
                                .ofSizeBetween(0, 30),
                        integers().between(1, 5))
                .checkAssert((lines, batchSize) -> {
                    InMemoryObjectStore fresh = new InMemoryObjectStore();
                    IngestReport report = new IngestPressReleases(
                                    fresh, codec, new PipeSeparatedLines(), new BatchWriterSettings(batchSize), CLOCK)
                            .ingest(lines.iterator());

                    List<PressRelease> valid = new ArrayList<>();
                    List<Long> invalid = new ArrayList<>();
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).isBlank()) {
                            continue;
                        }
                        int number = i + 1;
                        new PipeSeparatedLines()
                                .parse(lines.get(i), CLOCK.instant())
                                .peek(valid::add)
                                .peekLeft(reason -> invalid.add((long) number));
                    }
                    assertThat(report.accepted()).isEqualTo(valid.size());
                    assertThat(report.rejects()).extracting(Reject::lineNumber).isEqualTo(invalid);
                    assertThat(report.deadLetters().isEmpty()).isEqualTo(invalid.isEmpty());
                    assertThat(report.storedThrough()).isEqualTo(lines.size());
                    report.deadLetters()
                            .forEach(key -> assertThat(
                                            new String(fresh.read(key).get().content(), StandardCharsets.UTF_8)
                                                    .lines()
                                                    .count())
                                    .isEqualTo(invalid.size()));
                    assertThat(new LoadPressReleases(fresh, codec)
                                    .load(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31), Option.none()))
                            .containsExactlyInAnyOrderElementsOf(
                                    Deduplication.newestPerId(valid).records());
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
        assertThat(new PipeSeparatedLines()
                        .parse("a|A|2025-01-15||t", CLOCK.instant())
                        .getLeft())
                .contains("source");
        assertThat(new PipeSeparatedLines()
                        .parse("a|a|2025-01-15||t", CLOCK.instant())
                        .get()
                        .id())
                .isEqualTo(PressReleaseId.of("a"));
        assertThat(new PipeSeparatedLines()
                        .parse("a|a|2025-01-15||t", CLOCK.instant())
                        .get()
                        .source())
                .isEqualTo(Source.of("a"));
    }

    /** The store, with every batch write failing; {@code attempts} counts the batch writes tried. */
    private InterceptingObjectStore batchWritesFail(AtomicInteger attempts) {
        return new InterceptingObjectStore(
                store,
                InterceptingObjectStore.failing(
                        c -> c.op() == Op.CREATE
                                && c.target().startsWith(StoreLayout.TABLE.value())
                                && attempts.incrementAndGet() > 0,
                        InterceptingObjectStore::ioFailure));
    }
}
