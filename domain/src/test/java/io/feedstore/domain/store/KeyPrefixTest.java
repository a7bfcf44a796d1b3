package io.feedstore.domain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPrefixTest {

    @Test
    void theRootIsTheEmptyPrefix() {
        assertThat(KeyPrefix.ROOT.value()).isEmpty();
        assertThat(KeyPrefix.of("")).isEqualTo(KeyPrefix.ROOT);
        assertThat(KeyPrefix.ROOT.key("x")).isEqualTo(ObjectKey.of("x"));
        assertThat(KeyPrefix.ROOT.child("a")).isEqualTo(KeyPrefix.of("a/"));
    }

    @Test
    void aPrefixIsAValidPathEndingWithASlash() {
        assertThat(KeyPrefix.of("a/").value()).isEqualTo("a/");
        assertThat(KeyPrefix.of("a/b=c/").child("d").value()).isEqualTo("a/b=c/d/");
        assertThat(KeyPrefix.of("a/b/").key("c.parquet")).isEqualTo(ObjectKey.of("a/b/c.parquet"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a          | must end with '/'",
                "/          | empty segment",
                "/a/        | must be relative",
                "a//        | empty segment",
                "//         | must be relative",
                "../        | starting with '.'",
                "a/../      | starting with '.'",
                "./         | starting with '.'",
                ".hidden/   | starting with '.'",
                "a\\b/      | backslash"
            })
    void aPrefixFollowsTheRulesOfKeys(String value, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyPrefix.of(value))
                .withMessageContaining(reason);
    }

    @Test
    void childrenAndKeysFollowTheRulesOfKeys() {
        KeyPrefix prefix = KeyPrefix.of("a/");

        assertThatIllegalArgumentException().isThrownBy(() -> prefix.child(".."));
        assertThatIllegalArgumentException().isThrownBy(() -> prefix.child(""));
        assertThatIllegalArgumentException().isThrownBy(() -> prefix.child("x/"));
        assertThatIllegalArgumentException().isThrownBy(() -> prefix.key(".tmp"));
        assertThatIllegalArgumentException().isThrownBy(() -> prefix.key(""));
        assertThatIllegalArgumentException().isThrownBy(() -> prefix.key("b/"));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyPrefix.of("a".repeat(1024) + "/"));
    }
}
