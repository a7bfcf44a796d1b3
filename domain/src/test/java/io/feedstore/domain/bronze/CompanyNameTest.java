package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompanyNameTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"Ærø Energi A/S\" <news@aeroe.dk>|Ærø Energi A/S",
                "Åsa Lindqvist via Cision <noreply@cision.com>|Åsa Lindqvist",
                "Jyväskylän Energia Oy VIA Notified <news@notified.com>|Jyväskylän Energia Oy",
                "Nordea Bank Abp On Behalf Of Modular Finance <x@mfn.se>|Nordea Bank Abp",
                "news@acme.se|Acme",
                "<news@ärö.dk>|Ärö",
                "\"\" <ir@volvo.com>|Volvo",
                "ir@mail.example.fi (Kone Oyj)|Kone Oyj",
                "“Söderberg & Partners” <press@sp.se>|Söderberg & Partners"
            })
    void theDisplayNameWithoutQuotesCutBeforeTheSendingServiceElseTheDomain(String from, String expected) {
        assertThat(CompanyName.fromSender(from).get()).isEqualTo(expected);
    }

    @Test
    void aSenderWithoutNameOrAddressHasNoCompany() {
        assertThat(CompanyName.fromSender(null)).isEmpty();
        assertThat(CompanyName.fromSender("\"\" <>")).isEmpty();
    }

    @Test
    void anyFromHeaderGivesAnOptionalNameNeverAnException() {
        qt().withExamples(3_000)
                .forAll(strings()
                        .allPossible()
                        .ofLengthBetween(0, 60)
                        .mix(strings().betweenCodePoints(' ', '~').ofLengthBetween(0, 60)))
                .checkAssert(from -> CompanyName.fromSender(from)
                        .forEach(name -> assertThat(name).isNotBlank().doesNotContain("\"")));
    }
}
