package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageReleaseTest {

    private static final RawItem ITEM =
            RawItem.page(Source.of("rss"), LocalDate.of(2025, 3, 14), RawItemId.of("rss__39674985912ef849"));

    private static PageEntry entry(String title, String published) {
        return new PageEntry(
                ITEM.id(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.of(title),
                Option.of("https://feed.example/a"),
                Option.of(published),
                Option.none(),
                Option.of("Nyheter"),
                Option.of("https://feed.example/rss"),
                Option.of("https://news.example/a?x=1"),
                Option.of("2025-03-14T10:00:00+00:00"),
                Map.of());
    }

    private static LinkedDataNode node(String date, String publisher, String organisation, String author) {
        return new LinkedDataNode(
                List.of("NewsArticle"),
                Option.of(date),
                Option.of(publisher),
                Option.of(organisation),
                Option.of(author));
    }

    @Test
    void linkedDataNamesTheCompanyAndTheTimeBeforeAnythingElse() {
        ParsedPage page = new ParsedPage(
                List.of(
                        node(null, null, null, "Åsa Lindqvist"),
                        node("2025-03-14T09:30:00+01:00", "Ærø Energi A/S", "Other", null)),
                Map.of("article:published_time", "2025-03-01T00:00:00Z"),
                List.of("2025-02-01T00:00:00Z"),
                List.of("Source: Nobody"),
                "Text – \u201cquoted\u201d 🎉");

        PressRelease r = PageRelease.toPressRelease(
                        ITEM, entry("Ærø – rekord", "Fri, 14 Mar 2025 12:00:00 +0000"), page)
                .get();

        assertThat(r.companyName()).contains("Ærø Energi A/S");
        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T08:30:00Z"));
        assertThat(r.title()).contains("Ærø – rekord");
        assertThat(r.fullText()).contains("Text – \u201cquoted\u201d 🎉");
        assertThat(r.sourceUrl()).contains("https://news.example/a?x=1");
        assertThat(r.parserVersion()).contains(2);
    }

    @Test
    void withoutLinkedDataMetaTagsThenTimeElementsThenDatelinesGiveTheTime() {
        ParsedPage meta = new ParsedPage(
                List.of(),
                Map.of("article:published_time", "2025-03-14T07:00:00Z"),
                List.of("2025-02-01T00:00:00Z"),
                List.of(),
                "t");
        ParsedPage time = new ParsedPage(
                List.of(), Map.of("date", "2025-03-14"), List.of("2025-03-14", "2025-03-14T06:00:00Z"), List.of(), "t");
        ParsedPage dateline = new ParsedPage(
                List.of(),
                Map.of(),
                List.of(),
                List.of("STOCKHOLM, March 14, 2025 09:30", "March 14, 2025 08:00 ET"),
                "t");

        assertThat(PageRelease.releaseTime(meta)).contains(Instant.parse("2025-03-14T07:00:00Z"));
        assertThat(PageRelease.releaseTime(time)).contains(Instant.parse("2025-03-14T06:00:00Z"));
        assertThat(PageRelease.releaseTime(dateline)).contains(Instant.parse("2025-03-14T12:00:00Z"));
    }

    @Test
    void aPageWithoutAnyDateTakesTheFeedsPublishedTime() {
        ParsedPage page = new ParsedPage(List.of(), Map.of(), List.of(), List.of(), "Jyväskylä – text");

        PressRelease r = PageRelease.toPressRelease(ITEM, entry("T", "Thu, 13 Mar 2025 23:30:00 -0100"), page)
                .get();

        assertThat(r.releaseTimestamp()).contains(Instant.parse("2025-03-14T00:30:00Z"));
        assertThat(r.releaseDate()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(r.companyName()).isEmpty();
    }

    @Test
    void withNoTimeAnywhereTheReleaseHasNoTimestampAndTheItemsDate() {
        ParsedPage page = new ParsedPage(List.of(), Map.of(), List.of(), List.of(), "x");

        PressRelease r =
                PageRelease.toPressRelease(ITEM, entry("T", "igår"), page).get();

        assertThat(r.releaseTimestamp()).isEmpty();
        assertThat(r.releaseDate()).isEqualTo(ITEM.dt());
    }

    @Test
    void aSourceLineIsUsedBeforeANewsProvidedByBlock() {
        assertThat(PageRelease.companyName(new ParsedPage(
                        List.of(),
                        Map.of(),
                        List.of(),
                        List.of("NEWS PROVIDED BY", "Kone Oyj", "Source: Wärtsilä Oyj"),
                        "")))
                .contains("Wärtsilä Oyj");
        assertThat(PageRelease.companyName(new ParsedPage(
                        List.of(), Map.of(), List.of(), List.of("NEWS PROVIDED BY", "Kone Oyj \u2013 Jyväskylä"), "")))
                .contains("Kone Oyj \u2013 Jyväskylä");
        assertThat(PageRelease.companyName(
                        new ParsedPage(List.of(), Map.of(), List.of(), List.of("News provided by: Ørsted A/S"), "")))
                .contains("Ørsted A/S");
    }

    @Test
    void aPageWithNeitherTitleNorTextIsRejected() {
        ParsedPage page = new ParsedPage(List.of(), Map.of(), List.of(), List.of(), "  ");

        assertThat(PageRelease.toPressRelease(ITEM, entry(" ", null), page).getLeft())
                .isEqualTo("page rss__39674985912ef849 has neither a title nor an article text");
    }
}
