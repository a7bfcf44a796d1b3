package io.feedstore.benchmarks;

import io.feedstore.adapters.bronzejson.JacksonBronzeMetadata;
import io.feedstore.adapters.html.JsoupHtmlText;
import io.feedstore.adapters.html.JsoupPageParser;
import io.feedstore.adapters.mime.Mime4jMessageParser;
import io.feedstore.application.ArchiveRawItems;
import io.feedstore.application.Archived;
import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The adapters the bronze commands are wired with, and a generated bronze archive: days of emails from
 * {@link Mailbox} and, for one item in {@value #PAGE_EVERY}, an article page of a feed ({@code content.html.gz} and
 * {@code entry.json.gz}), archived through {@link ArchiveRawItems} as {@code ingest-email} and the feed jobs do.
 */
final class BronzeArchive {

    static final Mime4jMessageParser MESSAGES = new Mime4jMessageParser();
    static final JsoupHtmlText HTML_TEXT = new JsoupHtmlText();
    static final JsoupPageParser PAGES = new JsoupPageParser();
    static final JacksonBronzeMetadata METADATA = new JacksonBronzeMetadata();
    static final Source GMAIL = Source.of("gmail");
    static final Source FEED = Source.of("cision_rss");
    static final int PAGE_EVERY = 10;

    private BronzeArchive() {}

    /** An item to archive: an email or a page, generated but not yet stored. */
    private record Pending(RawItem item, byte[] content, EmailMeta meta, PageEntry entry, String url) {}

    /**
     * Archives {@code days} days of {@code perDay} items from {@code from} into {@code store}, {@code threads} at
     * a time (generation is not timed); returns how many items there are.
     */
    static int write(ObjectStore store, LocalDate from, int days, int perDay, long seed, ExecutorService pool)
            throws Exception {
        ArchiveRawItems archive = new ArchiveRawItems(store, METADATA, Clock.systemUTC());
        Mailbox mailbox = new Mailbox(seed);
        Prose prose = new Prose(seed ^ 0x70616765L);
        Random random = new Random(seed);
        int total = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = from.plusDays(d);
            List<Future<Either<StoreFailure, Archived>>> stored = new ArrayList<>();
            for (int i = 0; i < perDay; i++) {
                // Received after 02:00 UTC so that the declared time, up to an hour earlier, is on the same day.
                Instant at = day.atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .plusSeconds(7200L + random.nextInt(22 * 3600 - 60));
                Pending pending = i % PAGE_EVERY == PAGE_EVERY - 1 ? page(prose, day, at, i) : email(mailbox, at);
                stored.add(pool.submit(() -> pending.meta() != null
                        ? archive.email(pending.item(), pending.content(), pending.meta())
                        : archive.page(pending.item(), pending.content(), pending.entry(), Option.of(pending.url()))));
            }
            for (Future<Either<StoreFailure, Archived>> f : stored) {
                Either<StoreFailure, Archived> outcome = f.get();
                if (outcome.isLeft()) {
                    throw new IllegalStateException("archiving the bench's bronze failed: "
                            + outcome.getLeft().message());
                }
            }
            total += perDay;
        }
        return total;
    }

    private static Pending email(Mailbox mailbox, Instant at) {
        Mailbox.Message message = mailbox.next(at);
        RawItem item = RawItem.email(GMAIL, LocalDate.ofInstant(at, ZoneOffset.UTC), message.id());
        EmailMeta meta = new EmailMeta(
                message.id(),
                Option.none(),
                Option.none(),
                at,
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none());
        return new Pending(item, message.rfc822(), meta, null, null);
    }

    /** An article page as a Nordic newsroom serves it: JSON-LD with publisher and time, the body in an article. */
    private static Pending page(Prose prose, LocalDate day, Instant at, int index) {
        String company = prose.company();
        String title = prose.title(company);
        String text = prose.fullText(company, prose.city(), day.toString());
        String url = "https://news.cision.com/se/" + prose.slug(company) + "/r/" + prose.slug(title) + "," + day + "-"
                + index;
        String published = at.minusSeconds(900).toString();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\">")
                .append("<title>")
                .append(escape(title))
                .append("</title><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",")
                .append("\"@type\":\"NewsArticle\",\"headline\":\"")
                .append(json(title))
                .append("\",\"datePublished\":\"")
                .append(published)
                .append("\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"")
                .append(json(company))
                .append("\"}}</script></head><body><nav><a href=\"/\">Nyheter</a> · <a href=\"/om\">Om oss</a></nav>")
                .append("<article><h1>")
                .append(escape(title))
                .append("</h1>");
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>").append(escape(paragraph)).append("</p>\n");
        }
        html.append("</article><footer>© ").append(day.getYear()).append(" Cision – Alla rättigheter förbehållna");
        html.append("</footer></body></html>");
        RawItemId id = RawItemId.ofEntry(FEED, url, url, title);
        PageEntry entry = new PageEntry(
                id,
                Option.of(company),
                Option.of(published),
                Option.none(),
                Option.of(title),
                Option.of(url),
                Option.of(at.minusSeconds(600).toString()),
                Option.of(Prose.truncate(text, 300)),
                Option.of("Cision – Pressmeddelanden"),
                Option.of("https://news.cision.com/se/rss/all"),
                Option.of(url),
                Option.of(at.toString()),
                Map.of("content-type", "text/html; charset=utf-8"));
        RawItem item = RawItem.page(FEED, LocalDate.ofInstant(at, ZoneOffset.UTC), id);
        return new Pending(item, html.toString().getBytes(StandardCharsets.UTF_8), null, entry, url);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
