package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.vavr.control.Try;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawItemIdTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "18c3f0a2b4d5e6f7",
                "0000000000000000",
                "email__39674985912ef849",
                "rss__39674985912ef849",
                "news_wire-2__ffffffffffffffff"
            })
    void gmailIdsAndPrefixedHashesAreIds(String value) {
        assertThat(RawItemId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "..",
                "../18c3f0a2b4d5e6f7",
                "18c3f0a2b4d5e6f7/..",
                "a/b__39674985912ef849",
                "18C3F0A2B4D5E6F7",
                "18c3f0a2b4d5e6f",
                "18c3f0a2b4d5e6f70",
                "rss__3967498591",
                "RSS__39674985912ef849",
                "rss_39674985912ef849",
                "Åsa__39674985912ef849",
                "rss__39674985912ef849\n"
            })
    void anythingElseIsRejectedNamingTheValueAndTheRule(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RawItemId.of(value))
                .withMessageStartingWith("msgId '")
                .withMessageContaining("must");
    }

    @Test
    void takeoutDecimalIdsAreWrittenAsSixteenHexDigits() {
        assertThat(RawItemId.fromTakeoutDecimal("1792634085621503799").value()).isEqualTo("18e0b733fdba1737");
        assertThat(RawItemId.fromTakeoutDecimal("255").value()).isEqualTo("00000000000000ff");
        assertThat(RawItemId.fromTakeoutDecimal("18446744073709551615").value()).isEqualTo("ffffffffffffffff");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RawItemId.fromTakeoutDecimal("18446744073709551616"))
                .withMessageContaining("64 bits");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RawItemId.fromTakeoutDecimal("12a"))
                .withMessageContaining("decimal");
    }

    @Test
    void theTakeoutDecimalAndTheHexIdAreTheSameUnsignedNumber() {
        qt().forAll(longs().all()).checkAssert(n -> {
            String decimal = new BigInteger(Long.toUnsignedString(n)).toString();
            assertThat(new BigInteger(RawItemId.fromTakeoutDecimal(decimal).value(), 16))
                    .isEqualTo(new BigInteger(Long.toUnsignedString(n)));
        });
    }

    @Test
    void aMessageWithoutGmailIdIsNamedByItsMessageIdElseItsBytes() {
        assertThat(RawItemId.ofMessageId(" <a1@mail.acme.se> ").value())
                .isEqualTo(
                        "email__" + Hash16.of("<a1@mail.acme.se>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(RawItemId.ofMessageBytes(new byte[] {1, 2, 3}).value()).matches("email__[0-9a-f]{16}");
    }

    @Test
    void noAcceptedIdCanClimbOutOfItsFolder() {
        qt().withExamples(3_000)
                .forAll(strings()
                        .ascii()
                        .ofLengthBetween(0, 40)
                        .mix(strings().betweenCodePoints('-', 'z').ofLengthBetween(16, 30)))
                .checkAssert(value -> Try.of(() -> RawItemId.of(value))
                        .forEach(id -> assertThat(id.value())
                                .doesNotContain("..", "/", "\\")
                                .matches("[a-z0-9_-]+")));
    }
}
