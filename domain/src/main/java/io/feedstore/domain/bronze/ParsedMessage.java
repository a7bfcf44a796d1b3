package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a MIME parser found in an email: decoded headers of the outermost message, the first text/plain part that
 * is not an attachment (charset-decoded, line endings {@code \n}) and the first text/html part.
 */
public record ParsedMessage(
        Option<String> from,
        Option<String> subject,
        Option<String> messageId,
        Option<String> gmailMessageId,
        Option<String> date,
        Option<String> plainText,
        Option<String> html) {

    public ParsedMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(gmailMessageId, "gmailMessageId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(plainText, "plainText");
        Objects.requireNonNull(html, "html");
    }
}
