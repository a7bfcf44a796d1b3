package io.feedstore.domain.bronze;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an HTML parser found in an article page: its JSON-LD objects, its meta tags (keyed by lower-case
 * {@code property} or {@code name}, first value kept), the {@code datetime} of its {@code <time>} elements, short
 * text lines that may be datelines ("Source: …", "NEWS PROVIDED BY", "March 14, 2025 09:30 ET"), in document
 * order, and the article text with whitespace normalised.
 */
public record ParsedPage(
        List<LinkedDataNode> linkedData,
        Map<String, String> metaTags,
        List<String> timeDatetimes,
        List<String> datelineCandidates,
        String articleText) {

    public ParsedPage {
        linkedData = List.copyOf(Objects.requireNonNull(linkedData, "linkedData"));
        metaTags = Map.copyOf(Objects.requireNonNull(metaTags, "metaTags"));
        timeDatetimes = List.copyOf(Objects.requireNonNull(timeDatetimes, "timeDatetimes"));
        datelineCandidates = List.copyOf(Objects.requireNonNull(datelineCandidates, "datelineCandidates"));
        Objects.requireNonNull(articleText, "articleText");
    }
}
