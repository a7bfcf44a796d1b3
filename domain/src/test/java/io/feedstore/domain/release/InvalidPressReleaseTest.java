package io.feedstore.domain.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidPressReleaseTest {

    @Test
    void theMessageNamesTheFieldTheValueAndTheRule() {
        InvalidPressRelease e = new InvalidPressRelease("source", "../x", "must match a rule");

        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("source '../x' must match a rule");
        assertThat(e.field()).isEqualTo("source");
        assertThat(e.rule()).isEqualTo("must match a rule");
    }

    @Test
    void aMissingValueIsCalledMissing() {
        assertThat(new InvalidPressRelease("release_date", null, "is required"))
                .hasMessage("release_date (missing) is required");
    }

    @Test
    void aLongValueIsShortenedSoTheMessageStaysOneReadableLine() {
        String message = new InvalidPressRelease("title", "x".repeat(10_000), "is bad").getMessage();

        assertThat(message)
                .hasSize("title '".length() + 80 + "' is bad".length())
                .contains("x".repeat(77) + "...");
    }
}
