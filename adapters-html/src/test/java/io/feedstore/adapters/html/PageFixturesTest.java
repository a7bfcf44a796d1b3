package io.feedstore.adapters.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.PageRelease;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written pages under {@code pages/}, each with the press release it must give, field by field. */
class PageFixturesTest {

    private static final Source RSS = Source.of("rss");
    private static final String FINAL_URL = "https://news.example/sv/release?id=42";

    private final JsoupPageParser parser = new JsoupPageParser();

    private PressRelease release(String fixture, String title, String published) throws IOException {
        byte[] html;
        try (InputStream in = getClass().getResourceAsStream("/pages/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            html = in.readAllBytes();
        }
        RawItemId id = RawItemId.ofEntry(RSS, "guid-" + fixture, null, title);
        RawItem item = RawItem.page(RSS, LocalDate.of(2025, 3, 13), id);
        PageEntry entry = new PageEntry(
                id,
                Option.none(),
                Option.none(),
                Option.none(),
                Option.of(title),
                Option.of("https://feed.example/item"),
                Option.of(published),
                Option.of("Sammanfattning – kort"),
                Option.of("Nyheter"),
                Option.of("https://feed.example/rss.xml"),
                Option.of(FINAL_URL),
                Option.of("2025-03-14T10:00:00+00:00"),
                Map.of("content-type", "text/html"));
        PressRelease r = PageRelease.toPressRelease(
                        item, entry, parser.parse(html, FINAL_URL).get())
                .get();
        assertThat(r.id()).hasToString(id.value());
        assertThat(r.title()).contains(title);
        assertThat(r.sourceUrl()).contains(FINAL_URL);
        assertThat(r.source()).isEqualTo(RSS);
        assertThat(r.parserVersion()).contains(2);
        assertThat(r.schemaVersion()).contains(2);
        assertThat(r.fullText().getOrElse(""))
                .doesNotContainPattern("<[a-zA-Z/!]")
                .doesNotContain("never run", "tracker");
        return r;
    }

    @Test
    void jsonLdInAGraphGivesPublisherAndTimeAndTheArticleIsTheBodyWithoutFurniture() throws IOException {
        PressRelease r =
                release("jsonld-graph.html", "Ærø Energi – \u201crekordår\u201d", "Fri, 14 Mar 2025 12:00:00 +0000");

        assertThat(r.companyName()).contains("Ærø Energi A/S");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T08:30:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(r.fullText())
                .contains("Ærø Energi – \u201crekordår\u201d\n"
                        + "Marstal, 14 mars 2025 – Ærø Energi redovisar ett rekordår.\n"
                        + "\u201cVi är stolta\u201d, säger vd Åsa Lindqvist. 🎉");
    }

    @Test
    void plainJsonLdGivesTheSourceOrganisationBeforeTheAuthorAndABrokenBlockIsSkipped() throws IOException {
        PressRelease r = release("jsonld-plain.html", "Jyväskylän Energia – tulos", "Mon, 02 Jun 2025 10:00:00 +0000");

        assertThat(r.companyName()).contains("Jyväskylän Energia Oy");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-06-02T09:00:00Z"));
        assertThat(r.fullText())
                .contains("Jyväskylä – Jyväskylän Energia kertoo \u201cvuoden tuloksesta\u201d.\n"
                        + "Liikevaihto kasvoi 12 %.");
    }

    @Test
    void metaTagsAloneGiveTheTimeAndTheLongestTextBlockIsTheArticle() throws IOException {
        PressRelease r = release("meta-only.html", "Kone – \u201cuusi hissi\u201d", null);

        assertThat(r.companyName()).isEmpty();
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-04-24T07:30:00Z"));
        assertThat(r.fullText())
                .contains("Espoo – Kone Oyj esittelee \u201cuuden hissin\u201d 🛗.\n"
                        + "Hissi on suunniteltu Jyväskylässä.\nLisätietoja: 北欧 viestintä.");
    }

    @Test
    void aZonedDatelineAndASourceLineInALatin1PageGiveTimeAndCompany() throws IOException {
        PressRelease r = release("dateline-source.html", "Wärtsilä – Q1", "Fri, 14 Mar 2025 20:00:00 +0000");

        assertThat(r.companyName()).contains("Wärtsilä Oyj");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T13:30:00Z"));
        assertThat(r.fullText())
                .contains("HELSINKI, March 14, 2025 at 9:30 a.m. EDT\nSource: Wärtsilä Oyj\n"
                        + "Wärtsilä - \"kvartalsrapport\" för första kvartalet.\nMer text om Åbo varv.");
    }

    @Test
    void aPrNewswireBlockNamesTheCompanyAndItsUsDatelineGivesTheTime() throws IOException {
        PressRelease r = release("prnewswire.html", "Ørsted – \u201coffshore\u201d update", null);

        assertThat(r.companyName()).contains("Ørsted A/S");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T12:00:00Z"));
        assertThat(r.fullText())
                .contains("COPENHAGEN, Denmark, March 14, 2025 /PRNewswire/ -- Ørsted announces an "
                        + "\u201coffshore\u201d update – 🌬️.\nThe wind farm near Ærø is complete.");
    }

    @Test
    void aPageWithoutAnyDateTakesTheFeedsPublishedTime() throws IOException {
        PressRelease r =
                release("no-date.html", "Ålands Sjöfart – \u201cfärjan\u201d", "Thu, 13 Mar 2025 23:30:00 -0100");

        assertThat(r.companyName()).isEmpty();
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T00:30:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(r.fullText())
                .contains("Ålands Sjöfart meddelar att färjan går 09:30 i morgon.\nIngen tidszon – 北欧.");
    }
}
