package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EmailReleaseTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-14T10:02:03Z");
    private static final RawItem ITEM =
            RawItem.email(Source.of("gmail"), LocalDate.of(2025, 3, 14), RawItemId.of("18c3f0a2b4d5e6f7"));
    /** A stand-in converter that marks its output, so a test sees which body the rule chose. */
    private static final EmailRelease RULE = new EmailRelease(html -> "HTML:" + html.replaceAll("<[^>]*>", ""));

    private static ParsedMessage message(String from, String subject, String plain, String html) {
        return new ParsedMessage(
                Option.of(from),
                Option.of(subject),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.of(plain),
                Option.of(html));
    }

    @Test
    void aPlainTextMessageWithADeclaredTimeBecomesAVersionTwoRelease() {
        PressRelease r = RULE.toPressRelease(
                        ITEM,
                        message(
                                "\"Ærø Energi A/S\" via Cision <news@cision.com>",
                                "Ærø Energi – \u201crekordår\u201d 2024",
                                "Ærø, Danmark\r\nOffentliggjort den 2025-03-14 09:30 CET\r\nTekst",
                                "<p>ignored</p>"),
                        RECEIVED)
                .get();

        assertThat(r.id().value()).isEqualTo("18c3f0a2b4d5e6f7");
        assertThat(r.title()).contains("Ærø Energi – \u201crekordår\u201d 2024");
        assertThat(r.companyName()).contains("Ærø Energi A/S");
        assertThat(r.fullText()).contains("Ærø, Danmark\nOffentliggjort den 2025-03-14 09:30 CET\nTekst");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T08:30:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(r.category()).contains("unknown");
        assertThat(r.sourceUrl()).isEmpty();
        assertThat(r.source()).isEqualTo(Source.of("gmail"));
        assertThat(r.parserVersion()).contains(2);
        assertThat(r.schemaVersion()).contains(2);
        assertThat(r.ingestedAt()).isEmpty();
    }

    @Test
    void withoutADeclaredTimeTheInternalTimeIsTheReleaseTime() {
        PressRelease r = RULE.toPressRelease(
                        ITEM,
                        message("news@acme.se", "Åsa Lindqvist ny vd", "Ingen tid här 09:30", null),
                        Instant.parse("2025-03-13T23:30:00Z"))
                .get();

        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-13T23:30:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 3, 13));
        assertThat(r.companyName()).contains("Acme");
    }

    @Test
    void anHtmlOnlyMessageUsesTheConvertedHtml() {
        PressRelease r = RULE.toPressRelease(
                        ITEM, message("news@acme.se", "S", null, "<p>Julkaistu 2025-03-14 08:00 EET</p>"), RECEIVED)
                .get();

        assertThat(r.fullText()).contains("HTML:Julkaistu 2025-03-14 08:00 EET");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T06:00:00Z"));
    }

    @Test
    void aMessageWithNeitherSubjectNorTextIsRejectedWithItsId() {
        assertThat(RULE.toPressRelease(ITEM, message("x@y.se", "  ", " \n", null), RECEIVED)
                        .getLeft())
                .isEqualTo("message 18c3f0a2b4d5e6f7 has neither a subject nor a text body");
    }

    @Test
    void everyParsedMessageBecomesAReleaseOrARejectionNeverAnException() {
        qt().withExamples(2_000)
                .forAll(
                        strings().allPossible().ofLengthBetween(0, 40),
                        strings().allPossible().ofLengthBetween(0, 40),
                        strings()
                                .allPossible()
                                .ofLengthBetween(0, 200)
                                .mix(strings().betweenCodePoints(' ', 'z').ofLengthBetween(0, 80)),
                        longs().between(-62_135_596_800L - 86_400, 253_402_300_799L + 86_400))
                .checkAssert((from, subject, text, second) -> {
                    Either<String, PressRelease> result = RULE.toPressRelease(
                            ITEM, message(from, subject, text, text), Instant.ofEpochSecond(second));
                    result.peekLeft(reason -> assertThat(reason).startsWith("message 18c3f0a2b4d5e6f7"));
                    result.peek(r -> assertThat(r.parserVersion()).contains(2));
                });
    }
}
