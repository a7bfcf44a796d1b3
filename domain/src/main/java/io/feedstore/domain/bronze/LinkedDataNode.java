package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;

/**
 * One JSON-LD object of a page (a top-level object or a member of its {@code @graph}), reduced to the fields the
 * page rule reads. Names are the {@code name} of the organisation or person, or the plain string when the page
 * writes one.
 */
public record LinkedDataNode(
        List<String> types,
        Option<String> datePublished,
        Option<String> publisherName,
        Option<String> sourceOrganizationName,
        Option<String> authorName) {

    public LinkedDataNode {
        types = List.copyOf(Objects.requireNonNull(types, "types"));
        Objects.requireNonNull(datePublished, "datePublished");
        Objects.requireNonNull(publisherName, "publisherName");
        Objects.requireNonNull(sourceOrganizationName, "sourceOrganizationName");
        Objects.requireNonNull(authorName, "authorName");
    }
}
