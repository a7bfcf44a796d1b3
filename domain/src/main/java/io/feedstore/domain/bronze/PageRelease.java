package io.feedstore.domain.bronze;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The rule "page → press release": what the page says about itself first, the feed entry after. */
public final class PageRelease {

    public static final int PARSER_VERSION = 2;
    public static final int SCHEMA_VERSION = 2;
    public static final String CATEGORY = "unknown";

    /** Meta tags that carry a publication time, most specific first. */
    static final List<String> TIME_META_TAGS = List.of(
            "article:published_time",
            "og:published_time",
            "datepublished",
            "publishdate",
            "publish_date",
            "pubdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date");

    private static final String SOURCE_LINE = "source:";
    private static final String NEWS_PROVIDED_BY = "news provided by";

    private PageRelease() {}

    public static Either<String, PressRelease> toPressRelease(RawItem item, PageEntry entry, ParsedPage page) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(page, "page");
        if (item.kind() != RawItem.Kind.PAGE) {
            return Either.left("item " + item.id() + " is a " + item.kind() + ", not a page");
        }
        Option<String> title = entry.title().map(String::strip).filter(s -> !s.isEmpty());
        Option<String> text = Option.of(page.articleText().strip()).filter(s -> !s.isEmpty());
        if (title.isEmpty() && text.isEmpty()) {
            return Either.left("page " + item.id() + " has neither a title nor an article text");
        }
        Option<Instant> released =
                releaseTime(page).orElse(() -> entry.published().flatMap(Dateline::feedTime));
        return Try.of(() -> PressRelease.builder(
                                PressReleaseId.of(item.id().value()),
                                item.source(),
                                released.map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC))
                                        .getOrElse(item.dt()))
                        .companyName(companyName(page).getOrNull())
                        .category(CATEGORY)
                        .releaseTimestamp(released.getOrNull())
                        .title(title.getOrNull())
                        .fullText(text.getOrNull())
                        .sourceUrl(entry.finalUrl()
                                .orElse(entry.link())
                                .filter(s -> !s.isBlank())
                                .getOrNull())
                        .parserVersion(PARSER_VERSION)
                        .schemaVersion(SCHEMA_VERSION)
                        .build())
                .toEither()
                .mapLeft(e -> "page " + item.id() + ": " + e.getMessage());
    }

    /** JSON-LD publisher, sourceOrganization, author ({@code @graph} included), a "Source:" line, "NEWS PROVIDED BY". */
    public static Option<String> companyName(ParsedPage page) {
        List<Function<LinkedDataNode, Option<String>>> fields = List.of(
                LinkedDataNode::publisherName, LinkedDataNode::sourceOrganizationName, LinkedDataNode::authorName);
        for (Function<LinkedDataNode, Option<String>> field : fields) {
            for (LinkedDataNode node : page.linkedData()) {
                Option<String> name = field.apply(node).map(String::strip).filter(s -> !s.isEmpty());
                if (name.isDefined()) {
                    return name;
                }
            }
        }
        List<String> lines = page.datelineCandidates();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.toLowerCase(Locale.ROOT).startsWith(SOURCE_LINE)) {
                String name = stripped.substring(SOURCE_LINE.length()).strip();
                if (!name.isEmpty()) {
                    return Option.of(name);
                }
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String stripped = lines.get(i).strip();
            if (stripped.toLowerCase(Locale.ROOT).startsWith(NEWS_PROVIDED_BY)) {
                String rest = stripped.substring(NEWS_PROVIDED_BY.length()).replaceFirst("^[\\s:\u2013\u2014-]+", "");
                if (!rest.isEmpty()) {
                    return Option.of(rest);
                }
                if (i + 1 < lines.size() && !lines.get(i + 1).isBlank()) {
                    return Option.of(lines.get(i + 1).strip());
                }
            }
        }
        return Option.none();
    }

    /** JSON-LD datePublished, then publication meta tags, then {@code <time datetime>}, then a zoned dateline. */
    public static Option<Instant> releaseTime(ParsedPage page) {
        for (LinkedDataNode node : page.linkedData()) {
            Option<Instant> t = node.datePublished().flatMap(Dateline::isoZoned);
            if (t.isDefined()) {
                return t;
            }
        }
        for (String tag : TIME_META_TAGS) {
            Option<Instant> t = Option.of(page.metaTags().get(tag)).flatMap(Dateline::isoZoned);
            if (t.isDefined()) {
                return t;
            }
        }
        for (String datetime : page.timeDatetimes()) {
            Option<Instant> t = Dateline.isoZoned(datetime);
            if (t.isDefined()) {
                return t;
            }
        }
        for (String line : page.datelineCandidates()) {
            Option<DeclaredTime> t = Dateline.inText(line);
            if (t.isDefined()) {
                return t.map(DeclaredTime::utc);
            }
        }
        return Option.none();
    }
}
