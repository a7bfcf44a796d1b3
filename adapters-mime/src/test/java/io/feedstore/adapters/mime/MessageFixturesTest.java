package io.feedstore.adapters.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.adapters.html.JsoupHtmlText;
import io.feedstore.domain.bronze.EmailRelease;
import io.feedstore.domain.bronze.ParsedMessage;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The hand-written corpus under {@code messages/}, each with the press release it must give, field by field. */
class MessageFixturesTest {

    static final Instant RECEIVED = Instant.parse("2025-03-14T10:00:00Z");
    static final RawItem ITEM =
            RawItem.email(Source.of("gmail"), LocalDate.of(2025, 3, 14), RawItemId.of("18c3f0a2b4d5e6f7"));

    private final Mime4jMessageParser parser = new Mime4jMessageParser();
    private final EmailRelease rule = new EmailRelease(new JsoupHtmlText());

    static InputStream fixture(String name) {
        InputStream in = MessageFixturesTest.class.getResourceAsStream("/messages/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    private ParsedMessage parsed(String name) throws IOException {
        try (InputStream in = fixture(name)) {
            return parser.parse(in).get();
        }
    }

    private PressRelease release(String name) throws IOException {
        return rule.toPressRelease(ITEM, parsed(name), RECEIVED).get();
    }

    private static void assertCommonFields(PressRelease r) {
        assertThat(r.id().value()).isEqualTo("18c3f0a2b4d5e6f7");
        assertThat(r.category()).contains("unknown");
        assertThat(r.source()).isEqualTo(Source.of("gmail"));
        assertThat(r.sourceUrl()).isEmpty();
        assertThat(r.parserVersion()).contains(2);
        assertThat(r.schemaVersion()).contains(2);
        assertThat(r.fullText().get()).doesNotContain("\r").doesNotContainPattern("<[a-zA-Z/]");
    }

    @Test
    void multipartAlternativeTakesThePlainPartAndTheSwedishDeclaredTime() throws IOException {
        PressRelease r = release("multipart-alternative.eml");

        assertCommonFields(r);
        assertThat(r.title()).contains("Ærø Energi – \u201crekordår\u201d 2024 🎉");
        assertThat(r.companyName()).contains("Åsa Lindqvist");
        assertThat(r.fullText())
                .contains(
                        "Stockholm, 14 mars 2025 – Ærø Energi och Åsa Lindqvist meddelar "
                                + "\u201cett rekordår\u201d.\nPublicerad: 2025-03-14 09:30 CET\n\nOmsättningen ökade med 12 % – 🎉 日本語も。\n");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T08:30:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 3, 14));
    }

    @Test
    void anHtmlOnlyBase64MessageBecomesTextWithoutTagsScriptsOrStyles() throws IOException {
        PressRelease r = release("html-only-base64.eml");

        assertCommonFields(r);
        assertThat(r.title()).contains("Jyväskylän Energia - tulos 2025");
        assertThat(r.companyName()).contains("Jyväskylän Energia Oy");
        assertThat(r.fullText())
                .contains("Jyväskylän Energia – \u201cvuoden tulos\u201d\nJulkaistu: 2025-06-02 12:00 EEST\n"
                        + "Toimitusjohtaja Matti Virtanen: hyvä vuosi.\nLisätietoja 📈\nLiikevaihto 10 M€\nTulos 2 M€");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-06-02T09:00:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 6, 2));
    }

    @Test
    void gmtPlusTwoMeansTwoHoursAheadOfUtcAndCrlfBecomesLf() throws IOException {
        ParsedMessage m = parsed("declared-gmt-plus-2-crlf.eml");
        PressRelease r = rule.toPressRelease(ITEM, m, RECEIVED).get();

        assertCommonFields(r);
        assertThat(m.gmailMessageId()).contains("1792634085621503799");
        assertThat(m.messageId()).contains("<gmt2@aeroe.dk>");
        assertThat(r.title()).contains("Ærø Færgen – new routes");
        assertThat(r.companyName()).contains("Aeroe-faergen");
        assertThat(r.fullText())
                .contains("Copenhagen – \u201cÆrø Færgen\u201d announces new routes.\n"
                        + "Published: 2025-03-14 09:30 GMT+2\n\nRegards, Søren Ærø\n");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T07:30:00Z"));
    }

    @Test
    void cetInSummerIsPlusOneAndLatin1HeadersAndBodiesAreDecoded() throws IOException {
        PressRelease r = release("cet-in-summer-latin1.eml");

        assertCommonFields(r);
        assertThat(r.title()).contains("Sommerfærgen sejler igen");
        assertThat(r.companyName()).contains("Ærø Kommune");
        assertThat(r.fullText())
                .contains("Marstal, Ærø - \"Sommerfærgen\" sejler igen.\n"
                        + "Offentliggjort den 2025-07-01 08:00 CET\nMed venlig hilsen, Ærø Kommune\n");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-07-01T07:00:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 7, 1));
    }

    @Test
    void withoutAZonedTimeTheInternalTimeIsTheReleaseTime() throws IOException {
        PressRelease r = release("no-declared-time.eml");

        assertCommonFields(r);
        assertThat(r.title()).contains("Wärtsilä – \u201ckvartalsrapport\u201d Q1");
        assertThat(r.companyName()).contains("Wärtsilä Oyj");
        assertThat(r.fullText())
                .contains("Åbo – Wärtsilä Oyj: \u201ckvartalsrapport\u201d kl. 09:30 i dag.\n"
                        + "Ingen tidszon här: 2025-03-14 09:30\n");
        assertThat(r.releaseTimestamp()).contains(RECEIVED);
    }

    @Test
    void attachmentsAreNeverTheBodyEvenWhenTheyComeFirstAndAreText() throws IOException {
        PressRelease r = release("with-attachments.eml");

        assertCommonFields(r);
        assertThat(r.title()).contains("Volvo Group – Q1 2025 report");
        assertThat(r.companyName()).contains("Volvo Group");
        assertThat(r.fullText())
                .contains("Göteborg – Volvo \u201cQ1\u201d rapport bifogas.\nPublished 2025-04-24T07:30:00Z\n");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-04-24T07:30:00Z"));
    }

    @Test
    void aNestedMessageLendsNeitherItsHeadersNorItsText() throws IOException {
        ParsedMessage m = parsed("nested-rfc822.eml");
        PressRelease r = rule.toPressRelease(ITEM, m, RECEIVED).get();

        assertCommonFields(r);
        assertThat(m.messageId()).contains("<outer@example.se>");
        assertThat(r.title()).contains("Fwd: Ørsted – \u201coffshore\u201d update");
        assertThat(r.companyName()).contains("Åsa Lindqvist");
        assertThat(r.fullText()).contains("Vidarebefordrar – se bifogat. 北欧");
        assertThat(r.releaseTimestamp()).contains(RECEIVED);
    }

    @Test
    void bytesWithoutAnyHeaderAreNotAMessage() {
        assertThat(parser.parse(InputStream.nullInputStream()).getLeft()).startsWith("not an RFC 822 message");
        assertThat(Option.of(parser.parse(new java.io.ByteArrayInputStream("\n\nbody only".getBytes()))
                        .getLeft()))
                .isNotEmpty();
    }
}
