package io.feedstore.domain.bronze;

import io.vavr.control.Either;
import java.io.InputStream;

/** Outgoing port: reads one RFC 822 message from a stream, never holding a large attachment whole. */
public interface MessageParser {

    /** The parsed message, or a one-line reason why the bytes are not a message. Never throws for bad input. */
    Either<String, ParsedMessage> parse(InputStream rfc822);
}
