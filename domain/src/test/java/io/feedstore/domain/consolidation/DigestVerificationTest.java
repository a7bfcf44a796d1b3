package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.feedstore.domain.Generators;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Either;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestVerificationTest {

    private static PressRelease release(String id, String title) {
        return PressRelease.builder(PressReleaseId.of(id), Source.of("rss"), LocalDate.of(2025, 1, 15))
                .title(title)
                .build();
    }

    private static Either<String, Verification.Verified> verify(
            List<PressRelease> expected, List<PressRelease> stored) {
        NewestPerIdIndex index = new NewestPerIdIndex();
        for (int i = 0; i < expected.size(); i++) {
            PressRelease r = expected.get(i);
            index.setDigest(index.offer(NewestPerIdIndex.idBytes(r), r.ingestedAtKey(), 0, i), RowDigest.of(r));
        }
        DigestVerification verification = new DigestVerification(index, RowHash.SHA_256);
        stored.forEach(verification::accept);
        return verification.result();
    }

    @Test
    void exactlyTheExpectedRowsInAnyOrderVerify() {
        List<PressRelease> expected = List.of(release("a", "A"), release("b", "B"), release("c", "C"));
        assertThat(verify(expected, List.of(expected.get(2), expected.get(0), expected.get(1)))
                        .get()
                        .rows())
                .isEqualTo(3);
    }

    @Test
    void everyDifferenceIsNamedAsVerificationNamesIt() {
        List<PressRelease> expected = List.of(release("a", "A"), release("b", "B"), release("c", "C"));
        List<PressRelease> stored =
                List.of(release("a", "A"), release("a", "A"), release("b", "changed"), release("z", "Z"));

        Either<String, Verification.Verified> outcome = verify(expected, stored);

        assertThat(outcome.getLeft())
                .startsWith("expected 3 rows, found 4: ")
                .contains("id a is stored more than once")
                .contains("id b is stored with different content")
                .contains("id c is missing")
                .contains("id z is stored but was not written");
        assertThat(outcome.getLeft())
                .isEqualTo(Verification.check(expected, stored).getLeft());
    }

    @Test
    void theDigestVerdictAgreesWithComparingTheRecordsThemselves() {
        qt().withExamples(300)
                .forAll(Generators.collidingRows(12), Generators.collidingRows(12))
                .checkAssert((a, b) -> {
                    List<PressRelease> expected = Deduplication.newestPerId(a).records();
                    List<PressRelease> stored = b.isEmpty()
                            ? expected
                            : Deduplication.newestPerId(b).records();
                    assertThat(verify(expected, stored).isRight())
                            .isEqualTo(Verification.check(expected, stored).isRight());
                });
    }

    @Test
    void recordsWithEqualDigestsAreEqualAndDifferentRecordsHaveDifferentDigests() {
        qt().withExamples(500)
                .forAll(Generators.pressReleases(), Generators.pressReleases())
                .checkAssert((x, y) -> {
                    assertThat(RowDigest.of(x)).isEqualTo(RowDigest.of(x));
                    assertThat(RowDigest.of(x).equals(RowDigest.of(y))).isEqualTo(x.equals(y));
                    assertThat(RowDigest.of(x)
                                    .equals(RowDigest.of(x.withTitle(x.title().getOrElse("") + "!"))))
                            .isFalse();
                });
    }
}
