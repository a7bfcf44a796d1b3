package io.feedstore.adapters.jsonlines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.feedstore.domain.ingest.PressReleaseLines;
import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Text;
import io.feedstore.domain.release.WireRecord;
import io.vavr.control.Either;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON Lines format of press releases, read with Jackson: one JSON object per line, keyed by the twelve
 * column names. Values go through {@link WireRecord}, so the rules for dates, timestamps, ids and sources are
 * the domain's, not re-implemented here.
 *
 * <p>Rules of the format itself: string columns hold a JSON string or null, the two version columns a JSON
 * integer or null; null and an absent key both mean "no value"; a missing {@code ingested_at} becomes the time
 * of ingestion. A timestamp without an offset is read as UTC (the domain's rule, the older pipeline's files being
 * written that way), never in the machine's zone. Keys that are not columns are accepted and ignored, so producers can add fields without
 * breaking ingestion. A key given twice is rejected: which value was meant is unknowable.
 */
public final class JacksonPressReleaseLines implements PressReleaseLines {

    private static final int SHOWN_CHARS = 80;

    private final ObjectMapper reader = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ObjectMapper writer = new ObjectMapper();
    private final ObjectMapper asciiWriter =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Override
    public Either<String, PressRelease> parse(String line, Instant defaultIngestedAt) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(defaultIngestedAt, "defaultIngestedAt");
        if (line.isBlank()) {
            return Either.left("empty line: expected a JSON object with the press release's columns");
        }
        JsonNode tree;
        try {
            tree = reader.readTree(stripByteOrderMark(line));
        } catch (JsonProcessingException e) {
            return Either.left("invalid JSON: " + withoutSource(e.getOriginalMessage()) + locationOf(e));
        }
        if (!tree.isObject()) {
            return Either.left("expected a JSON object with the press release's columns, found " + describe(tree));
        }
        try {
            return toWireRecord(tree)
                    .toPressRelease()
                    .mapLeft(InvalidPressRelease::getMessage)
                    .map(release ->
                            release.ingestedAt().isDefined() ? release : release.withIngestedAt(defaultIngestedAt));
        } catch (Rejected rejected) {
            return Either.left(rejected.getMessage());
        }
    }

    /**
     * {@code {"line_number": N, "reason": "...", "line": "<the line, verbatim>"}}. Readable UTF-8 as a rule; a
     * line that is not well-formed UTF-16 (a lone surrogate) is written with every non-ASCII character escaped,
     * so that not even a broken character of rejected input is lost on the way to bytes.
     */
    @Override
    public String deadLetter(long lineNumber, String line, String reason) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("line_number", lineNumber);
        letter.put("reason", reason);
        letter.put("line", line);
        try {
            return (Text.isWellFormed(line) && Text.isWellFormed(reason) ? writer : asciiWriter)
                    .writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WireRecord toWireRecord(JsonNode object) {
        return new WireRecord(
                text(object, WireRecord.PRESS_RELEASE_ID),
                text(object, WireRecord.COMPANY_NAME),
                text(object, WireRecord.CATEGORY),
                text(object, WireRecord.RELEASE_DATE),
                text(object, WireRecord.RELEASE_TS_UTC),
                text(object, WireRecord.INGESTED_AT),
                text(object, WireRecord.TITLE),
                text(object, WireRecord.FULL_TEXT),
                text(object, WireRecord.SOURCE),
                text(object, WireRecord.SOURCE_URL),
                integer(object, WireRecord.PARSER_VERSION),
                integer(object, WireRecord.SCHEMA_VERSION));
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Rejected(field + " " + shown(value) + " must be a JSON string or null, found " + describe(value));
        }
        return value.textValue();
    }

    private static Long integer(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new Rejected(
                    field + " " + shown(value) + " must be a JSON integer or null, found " + describe(value));
        }
        if (!value.canConvertToLong()) {
            throw new Rejected(field + " " + shown(value) + " does not fit in a 32-bit integer");
        }
        return value.longValue();
    }

    private static String describe(JsonNode node) {
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return "'" + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS - 3) + "..." : text) + "'";
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (at column " + e.getLocation().getColumnNr() + ")";
    }

    /** Jackson names its input in nested locations; the line is the input, so only the column matters. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\[Source: .*?; line: \\d+, column: (\\d+)\\]", "column $1");
    }

    /** Files saved by some Windows editors start with a byte-order mark; it is not part of the JSON. */
    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** A rule of the line format was broken; carries the reason out of the field readers. */
    private static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
