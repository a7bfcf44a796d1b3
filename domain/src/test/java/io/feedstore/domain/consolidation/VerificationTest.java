package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.domain.Generators;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Either;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class VerificationTest {

    private static PressRelease release(String id) {
        return PressRelease.builder(PressReleaseId.of(id), Source.of("rss"), LocalDate.of(2025, 1, 15))
                .ingestedAt(Instant.parse("2025-01-15T11:00:00Z"))
                .title("title of " + id)
                .build();
    }

    private static final List<PressRelease> EXPECTED = List.of(release("pr-1"), release("pr-2"), release("pr-3"));

    private static String failure(List<PressRelease> expected, List<PressRelease> stored) {
        Either<String, Verification.Verified> result = Verification.check(expected, stored);
        assertThat(result.isLeft()).as("verification of %s should fail", stored).isTrue();
        return result.getLeft();
    }

    @Test
    void theSameRecordsInAnyOrderPass() {
        assertThat(Verification.check(EXPECTED, List.of(EXPECTED.get(2), EXPECTED.get(0), EXPECTED.get(1))))
                .containsExactly(new Verification.Verified(3));
        assertThat(Verification.check(List.of(), List.of())).containsExactly(new Verification.Verified(0));
    }

    @Test
    void aMissingIdFailsNamingIt() {
        String message = failure(EXPECTED, List.of(EXPECTED.get(0), EXPECTED.get(2)));

        assertThat(message).contains("id pr-2 is missing").startsWith("expected 3 rows, found 2");
    }

    @Test
    void anExtraIdFailsNamingIt() {
        List<PressRelease> stored = new ArrayList<>(EXPECTED);
        stored.add(release("pr-9"));

        assertThat(failure(EXPECTED, stored)).contains("id pr-9 is stored but was not written");
    }

    @Test
    void aDuplicateIdFailsNamingItEvenWhenTheRowCountLooksRight() {
        // Three rows as expected, but pr-3 was replaced by a second pr-1: a row count check would pass.
        String message = failure(EXPECTED, List.of(EXPECTED.get(0), EXPECTED.get(1), EXPECTED.get(0)));

        assertThat(message)
                .contains("id pr-1 is stored more than once")
                .contains("id pr-3 is missing")
                .startsWith("expected 3 rows, found 3");
    }

    @Test
    void theSameIdsWithDifferentContentFailNamingTheId() {
        PressRelease changedTitle = EXPECTED.get(1).withTitle("another title");
        PressRelease olderVersion = EXPECTED.get(2).withIngestedAt(Instant.parse("2025-01-15T10:00:00Z"));

        assertThat(failure(EXPECTED, List.of(EXPECTED.get(0), changedTitle, EXPECTED.get(2))))
                .contains("id pr-2 is stored with different content");
        assertThat(failure(EXPECTED, List.of(EXPECTED.get(0), EXPECTED.get(1), olderVersion)))
                .contains("id pr-3 is stored with different content");
    }

    @Test
    void manyProblemsAreSummarisedWithACount() {
        List<PressRelease> expected =
                IntStream.range(0, 20).mapToObj(i -> release("pr-" + i)).toList();

        String message = failure(expected, List.of());

        assertThat(message).startsWith("expected 20 rows, found 0: ").endsWith("(and 15 more)");
        assertThat(message.split("is missing", -1)).hasSize(6);
    }

    @Test
    void expectedRecordsMustHaveDistinctIds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Verification.check(List.of(EXPECTED.get(0), EXPECTED.get(0)), List.of()))
                .withMessageContaining("pr-1");
    }

    private static Gen<List<PressRelease>> distinctRecords(int minSize) {
        return lists().of(Generators.pressReleases())
                .ofSizeBetween(minSize, 15)
                .map(rows -> Deduplication.newestPerId(rows).records());
    }

    @Test
    void anyStoredOrderOfTheExpectedRecordsPasses() {
        qt().withExamples(500)
                .forAll(distinctRecords(0), longs().all())
                .checkAssert((expected, seed) -> assertThat(
                                Verification.check(expected, Generators.shuffled(expected, seed)))
                        .containsExactly(new Verification.Verified(expected.size())));
    }

    @Test
    void anySingleLostDuplicatedOrAlteredRecordFailsNamingItsId() {
        qt().withExamples(500)
                .forAll(
                        distinctRecords(1), integers().between(0, 1_000),
                        integers().between(0, 3), longs().all())
                .checkAssert((expected, which, how, seed) -> {
                    PressRelease victim = expected.get(which % expected.size());
                    List<PressRelease> stored = new ArrayList<>(expected);
                    switch (how) {
                        case 0 -> stored.remove(victim);
                        case 1 -> stored.add(victim);
                        case 2 ->
                            stored.set(
                                    stored.indexOf(victim),
                                    victim.withTitle(victim.title().getOrElse("") + "!"));
                        default ->
                            stored.set(
                                    stored.indexOf(victim),
                                    victim.withIngestedAt(victim.ingestedAt().isDefined() ? null : Instant.EPOCH));
                    }

                    assertThat(failure(expected, Generators.shuffled(stored, seed)))
                            .contains("id " + victim.id() + " ");
                });
    }
}
