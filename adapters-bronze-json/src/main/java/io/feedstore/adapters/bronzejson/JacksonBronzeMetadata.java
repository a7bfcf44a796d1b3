package io.feedstore.adapters.bronzejson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedstore.domain.bronze.BronzeMetadata;
import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.release.WireRecord;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bronze-metadata port with Jackson. Reads every variant the bucket holds (internal time in seconds or
 * milliseconds, missing declared-time fields, entries without the {@code page_*} keys) and writes the current one.
 */
public final class JacksonBronzeMetadata implements BronzeMetadata {

    /** An entry is a few kilobytes; more than this after gunzip is not an entry but a decompression bomb. */
    static final int MAX_ENTRY_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public Either<String, EmailMeta> readEmailMeta(byte[] json) {
        return object("meta.json", json)
                .flatMap(node -> Try.of(() -> emailMeta(node)).toEither().mapLeft(e -> "meta.json: " + e.getMessage()));
    }

    private static EmailMeta emailMeta(JsonNode node) {
        return new EmailMeta(
                RawItemId.of(requiredText(node, "id")),
                text(node, "from"),
                text(node, "subject"),
                internalTime(node),
                text(node, "email_declared_time_utc").map(v -> WireRecord.parseInstant("email_declared_time_utc", v)),
                text(node, "email_declared_time_raw"),
                text(node, "ingested_at").map(v -> WireRecord.parseInstant("ingested_at", v)),
                text(node, "parser"));
    }

    /** {@code internal_epoch_ms}, else the oldest objects' {@code internal_epoch} in seconds (possibly fractional). */
    private static Instant internalTime(JsonNode node) {
        Option<BigDecimal> millis = number(node, "internal_epoch_ms");
        Option<BigDecimal> seconds = number(node, "internal_epoch");
        BigDecimal ms = millis.getOrElse(() -> seconds.map(s -> s.movePointRight(3))
                .getOrElseThrow(
                        () -> new IllegalArgumentException("has neither internal_epoch_ms nor internal_epoch")));
        try {
            return Instant.ofEpochMilli(ms.longValueExact());
        } catch (ArithmeticException e) {
            try {
                return Instant.ofEpochMilli(
                        ms.setScale(0, java.math.RoundingMode.FLOOR).longValueExact());
            } catch (ArithmeticException tooLarge) {
                throw new IllegalArgumentException("internal time " + ms + " ms is out of range");
            }
        }
    }

    @Override
    public byte[] writeEmailMeta(EmailMeta meta) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", meta.id().value());
        node.put("from", meta.from().getOrNull());
        node.put("subject", meta.subject().getOrNull());
        node.put("internal_epoch_ms", meta.internalTime().toEpochMilli());
        node.put(
                "email_declared_time_utc",
                meta.declaredTimeUtc().map(WireRecord::formatReleaseTimestamp).getOrNull());
        node.put("email_declared_time_raw", meta.declaredTimeRaw().getOrNull());
        meta.ingestedAt().forEach(t -> node.put("ingested_at", WireRecord.formatIngestedAt(t)));
        meta.parser().forEach(p -> node.put("parser", p));
        return bytes(node);
    }

    @Override
    public Either<String, PageEntry> readPageEntry(byte[] gzippedJson) {
        return gunzip(gzippedJson)
                .flatMap(json -> object("entry.json.gz", json))
                .flatMap(node ->
                        Try.of(() -> pageEntry(node)).toEither().mapLeft(e -> "entry.json.gz: " + e.getMessage()));
    }

    private static PageEntry pageEntry(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = node.get("headers");
        if (h != null && h.isObject()) {
            h.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    headers.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString());
                }
            });
        }
        return new PageEntry(
                RawItemId.of(requiredText(node, "msgId")),
                text(node, "page_company"),
                text(node, "page_release_time_utc"),
                text(node, "page_release_time_text"),
                text(node, "title"),
                text(node, "link"),
                text(node, "published"),
                text(node, "summary"),
                text(node, "feed_title"),
                text(node, "feed_url"),
                text(node, "final_url"),
                text(node, "fetched_at"),
                headers);
    }

    @Override
    public String deadLetter(RawItem item, String input, String reason) {
        ObjectNode node = JSON.createObjectNode();
        node.put("msgId", item.id().value());
        node.put("source", item.source().value());
        node.put("dt", item.dt().toString());
        node.put("bronze_prefix", item.prefix().value());
        node.put("input", input);
        node.put("reason", reason);
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public byte[] writePageEntry(PageEntry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("msgId", entry.msgId().value());
        node.put("page_company", entry.pageCompany().getOrNull());
        node.put("page_release_time_utc", entry.pageReleaseTimeUtc().getOrNull());
        node.put("page_release_time_text", entry.pageReleaseTimeText().getOrNull());
        node.put("title", entry.title().getOrNull());
        node.put("link", entry.link().getOrNull());
        node.put("published", entry.published().getOrNull());
        node.put("summary", entry.summary().getOrNull());
        node.put("feed_title", entry.feedTitle().getOrNull());
        node.put("feed_url", entry.feedUrl().getOrNull());
        node.put("final_url", entry.finalUrl().getOrNull());
        node.put("fetched_at", entry.fetchedAt().getOrNull());
        ObjectNode headers = node.putObject("headers");
        entry.headers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> headers.put(e.getKey(), e.getValue()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static Either<String, JsonNode> object(String file, byte[] json) {
        return Try.of(() -> JSON.readTree(json))
                .toEither()
                .mapLeft(e -> file + " is not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""))
                .filterOrElse(node -> node != null && node.isObject(), node -> file + " is not a JSON object");
    }

    private static Either<String, byte[]> gunzip(byte[] gzipped) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            byte[] json = in.readNBytes(MAX_ENTRY_BYTES + 1);
            return json.length > MAX_ENTRY_BYTES
                    ? Either.left("entry.json.gz is larger than " + MAX_ENTRY_BYTES + " bytes unzipped")
                    : Either.right(json);
        } catch (IOException e) {
            return Either.left("entry.json.gz is not gzip: " + e.getMessage());
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("a tree of strings and numbers always serialises", e);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        return text(node, field).getOrElseThrow(() -> new IllegalArgumentException(field + " is required"));
    }

    /** A string field; a missing field and JSON null are both absent. A number is read as its text. */
    private static Option<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Option.none();
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(field + " must be a string, not " + value.getNodeType());
        }
        return Option.of(value.asText());
    }

    private static Option<BigDecimal> number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Option.none();
        }
        if (value.isNumber()) {
            return Option.of(value.decimalValue());
        }
        if (value.isTextual() && value.asText().strip().matches("-?\\d+(\\.\\d+)?")) {
            return Option.of(new BigDecimal(value.asText().strip()));
        }
        throw new IllegalArgumentException(field + " must be a number, not '" + value.asText() + "'");
    }
}
