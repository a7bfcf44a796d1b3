package io.feedstore.domain.bronze;

/** Outgoing port: the readable text of an HTML fragment; block elements become line breaks, no tag survives. */
public interface HtmlText {

    /** Never executes or fetches anything; never throws for bad markup. */
    String toText(String html);
}
