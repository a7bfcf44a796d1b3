package io.feedstore.domain.bronze;

import io.vavr.control.Either;

/** Outgoing port: reads an article page without executing or fetching anything. */
public interface PageParser {

    /** The parsed page, or a one-line reason why it cannot be read. Never throws for bad input. */
    Either<String, ParsedPage> parse(byte[] html, String url);
}
