package io.feedstore.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PressReleaseIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n", " \t\r\n "})
    void aBlankIdIsRejected(String value) {
        InvalidPressRelease e = catchThrowableOfType(InvalidPressRelease.class, () -> PressReleaseId.of(value));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("press_release_id");
        assertThat(e.rule()).isEqualTo("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDC00\uD800", "x\uD83D", "\uDE00y"})
    void anIdWithALoneSurrogateIsRejected(String value) {
        InvalidPressRelease e = catchThrowableOfType(InvalidPressRelease.class, () -> PressReleaseId.of(value));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("press_release_id");
        assertThat(e.rule()).contains("unpaired surrogate");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pr-1",
                " padded ",
                "ÿ",
                "\uD83D\uDE00",
                "a/b/../c",
                "a very long id with spaces and ünïcødé inside"
            })
    void anyOtherWellFormedTextIsAnId(String value) {
        assertThat(PressReleaseId.of(value).value()).isEqualTo(value);
        assertThat(PressReleaseId.of(value)).hasToString(value).isEqualTo(PressReleaseId.of(value));
    }

    @Test
    void aMissingIdIsRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> PressReleaseId.of(null))
                .withMessage("press_release_id");
    }

    @Test
    void idsOrderByTheirText() {
        assertThat(PressReleaseId.of("a")).isLessThan(PressReleaseId.of("b"));
        assertThat(PressReleaseId.of("pr-10")).isLessThan(PressReleaseId.of("pr-9"));
    }
}
