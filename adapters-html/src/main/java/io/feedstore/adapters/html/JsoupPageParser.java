package io.feedstore.adapters.html;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.feedstore.domain.bronze.LinkedDataNode;
import io.feedstore.domain.bronze.PageParser;
import io.feedstore.domain.bronze.ParsedPage;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The page-parser port with jsoup. The page is parsed from the stored bytes (charset from the BOM or the page's
 * own declaration) and only read: jsoup has no script engine and fetches nothing. JSON-LD is read with Jackson.
 */
public final class JsoupPageParser implements PageParser {

    /** Where publishers put the article, most specific first. */
    static final List<String> ARTICLE_CONTAINERS = List.of(
            "[itemprop=articleBody]",
            "article",
            ".article-body",
            ".article__body",
            ".release-body",
            ".press-release",
            ".entry-content",
            ".post-content",
            "main",
            "#main-content",
            "[role=main]");

    /** Page furniture that is never the article. */
    private static final String FURNITURE = "nav, header, footer, aside, form, [role=navigation], [aria-hidden=true]";

    private static final int DATELINE_CHARS = 200;
    private static final int MAX_DATELINES = 500;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    @Override
    public Either<String, ParsedPage> parse(byte[] html, String url) {
        Document page;
        try {
            page = Jsoup.parse(new ByteArrayInputStream(html), null, url == null ? "" : url);
        } catch (IOException | RuntimeException e) {
            return Either.left("page " + url + " is not readable HTML: " + e.getMessage());
        }
        List<LinkedDataNode> linkedData = linkedData(page);
        Map<String, String> meta = metaTags(page);
        List<String> times = page.select("time[datetime]").eachAttr("datetime");
        page.select(JsoupHtmlText.INVISIBLE).remove();
        List<String> datelines = datelines(JsoupHtmlText.text(page.body()));
        page.select(FURNITURE).remove();
        return Either.right(new ParsedPage(linkedData, meta, times, datelines, articleText(page)));
    }

    static String articleText(Document page) {
        for (String selector : ARTICLE_CONTAINERS) {
            for (Element container : page.select(selector)) {
                String text = JsoupHtmlText.text(container);
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return longestTextBlock(page);
    }

    /** The element whose own paragraphs hold the most text; the whole body when the page has no paragraphs. */
    private static String longestTextBlock(Document page) {
        Map<Element, Integer> textByParent = new HashMap<>();
        for (Element paragraph : page.body().select("p")) {
            Element parent = paragraph.parent();
            if (parent != null) {
                textByParent.merge(parent, paragraph.text().length(), Integer::sum);
            }
        }
        return textByParent.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(best -> JsoupHtmlText.text(best.getKey()))
                .orElseGet(() -> JsoupHtmlText.text(page.body()));
    }

    private static List<String> datelines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (lines.size() == MAX_DATELINES) {
                break;
            }
            if (!line.isBlank()) {
                lines.add(line.length() > DATELINE_CHARS ? line.substring(0, DATELINE_CHARS) : line);
            }
        }
        return lines;
    }

    private static Map<String, String> metaTags(Document page) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Element meta : page.select("meta[content]")) {
            for (String attribute : List.of("property", "name", "itemprop")) {
                String key = meta.attr(attribute).strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty()) {
                    tags.putIfAbsent(key, meta.attr("content"));
                }
            }
        }
        return tags;
    }

    /** Every object of every JSON-LD block, {@code @graph} members included; a block that is not JSON is skipped. */
    static List<LinkedDataNode> linkedData(Document page) {
        List<LinkedDataNode> nodes = new ArrayList<>();
        Elements blocks = page.select("script[type=application/ld+json]");
        for (Element block : blocks) {
            try (JsonParser parser = JSON.createParser(block.data())) {
                collect(JSON.readTree(parser), nodes, 0);
            } catch (IOException | RuntimeException e) {
                // A broken block says nothing; the page's other signals still count.
            }
        }
        return nodes;
    }

    private static void collect(JsonNode node, List<LinkedDataNode> into, int depth) {
        if (node == null || depth > 8) {
            return;
        }
        if (node.isArray()) {
            node.forEach(member -> collect(member, into, depth + 1));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("@graph")) {
            collect(node.get("@graph"), into, depth + 1);
        }
        List<String> types = new ArrayList<>();
        JsonNode type = node.get("@type");
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type != null && type.isTextual()) {
            types.add(type.asText());
        }
        if (types.isEmpty() && !node.has("datePublished") && !node.has("publisher")) {
            return;
        }
        into.add(new LinkedDataNode(
                types,
                text(node.get("datePublished")),
                name(node.get("publisher")),
                name(node.get("sourceOrganization")),
                name(node.get("author"))));
    }

    private static Option<String> text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? Option.of(node.asText()) : Option.none();
    }

    /** An organisation or person: its {@code name}, a plain string, or the first of an array. */
    private static Option<String> name(JsonNode node) {
        if (node == null || node.isNull()) {
            return Option.none();
        }
        if (node.isArray()) {
            return node.isEmpty() ? Option.none() : name(node.get(0));
        }
        if (node.isTextual()) {
            return Option.of(node.asText()).filter(s -> !s.isBlank());
        }
        return text(node.get("name")).filter(s -> !s.isBlank());
    }
}
