package io.feedstore.domain.bronze;

import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code msgId} of a bronze item: a Gmail id (16 lowercase hex digits), {@code email__} + 16 hex for a message
 * without one, or {@code {source}__} + 16 hex for a page. It becomes a key segment, so nothing else can exist.
 */
public record RawItemId(String value) implements Comparable<RawItemId> {

    static final Pattern GMAIL = Pattern.compile("[0-9a-f]{16}");
    static final Pattern PREFIXED = Pattern.compile("(" + Source.RULE.pattern() + ")__([0-9a-f]{16})");
    private static final String WITHOUT_GMAIL_ID = "email";
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    public RawItemId {
        Objects.requireNonNull(value, "msgId");
        if (value.contains("..") || value.contains("/")) {
            throw new IllegalArgumentException("msgId '" + shown(value) + "' must not contain '..' or '/'");
        }
        if (!GMAIL.matcher(value).matches() && !PREFIXED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "msgId '" + shown(value)
                            + "' must be 16 lowercase hex digits (a Gmail id) or {source}__ followed by 16 lowercase hex digits");
        }
    }

    public static RawItemId of(String value) {
        return new RawItemId(value);
    }

    /** A Gmail id as Gmail's API writes it: 16 lowercase hex digits (leading zeros kept). */
    public static RawItemId gmail(String hex) {
        if (hex == null || !GMAIL.matcher(hex).matches()) {
            throw new IllegalArgumentException(
                    "Gmail id '" + shown(String.valueOf(hex)) + "' must be 16 lowercase hex digits");
        }
        return new RawItemId(hex);
    }

    /** The decimal Gmail id of a Takeout {@code X-GM-MSGID} header or {@code From } line, written as 16 hex digits. */
    public static RawItemId fromTakeoutDecimal(String decimal) {
        String digits = decimal == null ? "" : decimal.trim();
        if (!digits.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("Takeout Gmail id '" + shown(digits) + "' must be a decimal number");
        }
        BigInteger number = new BigInteger(digits);
        if (number.compareTo(TWO_TO_64) >= 0) {
            throw new IllegalArgumentException("Takeout Gmail id '" + digits + "' must fit in 64 bits");
        }
        return gmail(String.format("%016x", number));
    }

    /** {@code email__} + hash16 of the Message-ID header, for a message that carries no Gmail id. */
    public static RawItemId ofMessageId(String messageId) {
        return new RawItemId(
                WITHOUT_GMAIL_ID + "__" + Hash16.of(messageId.trim().getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code email__} + hash16 of the message's bytes, for a message without Gmail id and Message-ID. */
    public static RawItemId ofMessageBytes(byte[] message) {
        return new RawItemId(WITHOUT_GMAIL_ID + "__" + Hash16.of(message));
    }

    /** As {@link #ofMessageBytes}, from the SHA-256 of the message's bytes. */
    public static RawItemId ofMessageSha256(byte[] sha256) {
        return new RawItemId(WITHOUT_GMAIL_ID + "__" + Hash16.ofSha256(sha256));
    }

    /** {@code {source}__{hash16}} of a feed entry: raw is the first non-empty of guid, link, else title|link. */
    public static RawItemId ofEntry(Source source, String guid, String link, String title) {
        return new RawItemId(source.value() + "__" + Hash16.ofEntry(entryRaw(guid, link, title)));
    }

    static String entryRaw(String guid, String link, String title) {
        if (guid != null && !guid.isEmpty()) {
            return guid;
        }
        if (link != null && !link.isEmpty()) {
            return link;
        }
        return (title == null ? "" : title) + "|" + (link == null ? "" : link);
    }

    public boolean isGmailId() {
        return GMAIL.matcher(value).matches();
    }

    /** The source this id was made for, when it has the {@code {source}__} form. */
    public Option<String> prefix() {
        var m = PREFIXED.matcher(value);
        return m.matches() ? Option.of(m.group(1)) : Option.none();
    }

    @Override
    public int compareTo(RawItemId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String shown(String value) {
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }
}
