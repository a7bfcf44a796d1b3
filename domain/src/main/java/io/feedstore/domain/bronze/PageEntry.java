package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;

/**
 * {@code entry.json.gz}: the feed entry that led to a page, and what was learnt fetching it. The oldest objects lack
 * the three {@code page_*} fields; every text field may be missing in a feed.
 */
public record PageEntry(
        RawItemId msgId,
        Option<String> pageCompany,
        Option<String> pageReleaseTimeUtc,
        Option<String> pageReleaseTimeText,
        Option<String> title,
        Option<String> link,
        Option<String> published,
        Option<String> summary,
        Option<String> feedTitle,
        Option<String> feedUrl,
        Option<String> finalUrl,
        Option<String> fetchedAt,
        Map<String, String> headers) {

    public PageEntry {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(pageCompany, "page_company");
        Objects.requireNonNull(pageReleaseTimeUtc, "page_release_time_utc");
        Objects.requireNonNull(pageReleaseTimeText, "page_release_time_text");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(feedTitle, "feed_title");
        Objects.requireNonNull(feedUrl, "feed_url");
        Objects.requireNonNull(finalUrl, "final_url");
        Objects.requireNonNull(fetchedAt, "fetched_at");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }
}
