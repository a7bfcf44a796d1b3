package io.feedstore.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.feedstore.domain.Generators;
import io.feedstore.domain.store.KeyPrefix;
import io.vavr.control.Try;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gmail",
                "rss",
                "a",
                "0",
                "9news",
                "news_wire-2",
                "a_",
                "a-",
                "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01"
            })
    void lowerCaseLettersDigitsUnderscoreAndDashUpToSixtyFourAreSources(String value) {
        assertThat(Source.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "../x",
                "..",
                ".",
                "a/b",
                "/a",
                "a\\b",
                "Gmail",
                "RSS",
                "_x",
                "-x",
                "a b",
                " a",
                "a.b",
                "é",
                "a\n",
                "a\u0000",
                "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012"
            })
    void anythingElseIsRejectedNamingTheFieldAndTheValue(String value) {
        InvalidPressRelease e = catchThrowableOfType(InvalidPressRelease.class, () -> Source.of(value));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("source");
        assertThat(e.getMessage()).startsWith("source '").contains("must match");
    }

    @Test
    void sixtyFiveCharactersAreOneTooMany() {
        String sixtyFour = "a".repeat(64);

        assertThat(Source.of(sixtyFour).value()).hasSize(64);
        assertThat(Try.of(() -> Source.of(sixtyFour + "a")).isFailure()).isTrue();
    }

    @Test
    void aMissingSourceIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> new Source(null)).withMessage("source");
    }

    @Test
    void everyAcceptedSourceIsOneSafePathSegment() {
        qt().withExamples(2_000)
                .forAll(strings()
                        .ascii()
                        .ofLengthBetween(0, 70)
                        .mix(strings().betweenCodePoints('-', 'z').ofLengthBetween(0, 3))
                        .mix(strings().betweenCodePoints('-', 'z').ofLengthBetween(60, 70)))
                .checkAssert(value -> Try.of(() -> Source.of(value)).forEach(source -> {
                    assertThat(value).isNotEmpty().hasSizeLessThanOrEqualTo(64).doesNotContain("/", "\\", ".", " ");
                    assertThat(value.chars())
                            .allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-');
                    assertThat(KeyPrefix.ROOT.child("source=" + source.value()).value())
                            .isEqualTo("source=" + value + "/");
                }));
    }

    @Test
    void everyGeneratedSourceSurvivesBeingAPathSegment() {
        qt().withExamples(500)
                .forAll(Generators.sources())
                .checkAssert(source -> assertThat(KeyPrefix.ROOT
                                .child("source=" + source)
                                .key("x")
                                .parent()
                                .value())
                        .isEqualTo("source=" + source.value() + "/"));
    }

    @Test
    void sourcesOrderByTheirText() {
        assertThat(Source.of("a")).isLessThan(Source.of("b"));
        assertThat(Source.of("gmail").compareTo(Source.of("gmail"))).isZero();
        assertThat(Source.of("rss")).hasToString("rss");
    }
}
