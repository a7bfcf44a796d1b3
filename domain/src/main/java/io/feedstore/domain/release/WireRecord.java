package io.feedstore.domain.release;

import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A press release as the twelve nullable columns of the production schema hold it. This is the one place that
 * converts between wire strings and typed values; codecs and parsers go through it.
 */
public record WireRecord(
        String pressReleaseId,
        String companyName,
        String category,
        String releaseDate,
        String releaseTsUtc,
        String ingestedAt,
        String title,
        String fullText,
        String source,
        String sourceUrl,
        Long parserVersion,
        Long schemaVersion) {

    public static final String PRESS_RELEASE_ID = "press_release_id";
    public static final String COMPANY_NAME = "company_name";
    public static final String CATEGORY = "category";
    public static final String RELEASE_DATE = "release_date";
    public static final String RELEASE_TS_UTC = "release_ts_utc";
    public static final String INGESTED_AT = "ingested_at";
    public static final String TITLE = "title";
    public static final String FULL_TEXT = "full_text";
    public static final String SOURCE = "source";
    public static final String SOURCE_URL = "source_url";
    public static final String PARSER_VERSION = "parser_version";
    public static final String SCHEMA_VERSION = "schema_version";

    /** Column names in schema order. The first ten are strings, the last two int32. */
    public static final List<String> COLUMNS = List.of(
            PRESS_RELEASE_ID,
            COMPANY_NAME,
            CATEGORY,
            RELEASE_DATE,
            RELEASE_TS_UTC,
            INGESTED_AT,
            TITLE,
            FULL_TEXT,
            SOURCE,
            SOURCE_URL,
            PARSER_VERSION,
            SCHEMA_VERSION);

    static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    /** The formatters, package-private so that {@code WireTimeTest} checks {@link WireTime} against them. */
    static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:MM:ss", "Z")
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** Orders records by every column, so that two records compare equal only when they are identical. */
    public static final Comparator<WireRecord> CANONICAL_ORDER = Comparator.comparing(
                    WireRecord::pressReleaseId, nullsFirst())
            .thenComparing(WireRecord::ingestedAt, nullsFirst())
            .thenComparing(WireRecord::releaseDate, nullsFirst())
            .thenComparing(WireRecord::source, nullsFirst())
            .thenComparing(WireRecord::releaseTsUtc, nullsFirst())
            .thenComparing(WireRecord::companyName, nullsFirst())
            .thenComparing(WireRecord::category, nullsFirst())
            .thenComparing(WireRecord::title, nullsFirst())
            .thenComparing(WireRecord::fullText, nullsFirst())
            .thenComparing(WireRecord::sourceUrl, nullsFirst())
            .thenComparing(WireRecord::parserVersion, nullsFirst())
            .thenComparing(WireRecord::schemaVersion, nullsFirst());

    public static WireRecord of(PressRelease r) {
        return new WireRecord(
                r.id().value(),
                r.companyName().getOrNull(),
                r.category().getOrNull(),
                formatDate(r.releaseDate()),
                r.releaseTimestamp().map(WireRecord::formatReleaseTimestamp).getOrNull(),
                r.ingestedAt().map(WireRecord::formatIngestedAt).getOrNull(),
                r.title().getOrNull(),
                r.fullText().getOrNull(),
                r.source().value(),
                r.sourceUrl().getOrNull(),
                r.parserVersion().map(Integer::longValue).getOrNull(),
                r.schemaVersion().map(Integer::longValue).getOrNull());
    }

    /** The typed record, or the first rule this row breaks (naming the column and the value). */
    public Either<InvalidPressRelease, PressRelease> toPressRelease() {
        return converted(this::convert);
    }

    /**
     * As {@link #toPressRelease()}, for a row whose texts were decoded from bytes checked to be well-formed UTF-8:
     * the same record or the same refusal, without scanning the texts for an unpaired surrogate, which such a
     * text cannot hold (UTF-8 has no encoding for a surrogate; {@code StoredRowTest} proves the decoding never yields
     * one). The id is still checked as every id is.
     */
    public Either<InvalidPressRelease, PressRelease> toPressReleaseOfUtf8() {
        return converted(() -> PressRelease.ofUtf8Texts(this::convert));
    }

    private Either<InvalidPressRelease, PressRelease> converted(Supplier<PressRelease> conversion) {
        return Try.ofSupplier(conversion)
                .toEither()
                .mapLeft(failure -> failure instanceof InvalidPressRelease invalid
                        ? invalid
                        : new InvalidPressRelease("record", String.valueOf(pressReleaseId), failure.getMessage()));
    }

    private PressRelease convert() {
        return new PressRelease(
                new PressReleaseId(required(PRESS_RELEASE_ID, pressReleaseId)),
                Option.of(companyName),
                Option.of(category),
                parseDate(RELEASE_DATE, required(RELEASE_DATE, releaseDate)),
                Option.of(releaseTsUtc).map(v -> parseInstant(RELEASE_TS_UTC, v)),
                Option.of(ingestedAt).map(v -> parseInstant(INGESTED_AT, v)),
                Option.of(title),
                Option.of(fullText),
                new Source(required(SOURCE, source)),
                Option.of(sourceUrl),
                Option.of(parserVersion).map(v -> toInt(PARSER_VERSION, v)),
                Option.of(schemaVersion).map(v -> toInt(SCHEMA_VERSION, v)));
    }

    public static String formatDate(LocalDate date) {
        String fast = WireTime.formatDate(date);
        return fast != null ? fast : DATE.format(date);
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ}, as the production schema stores {@code release_ts_utc}. */
    public static String formatReleaseTimestamp(Instant instant) {
        StringBuilder fast = WireTime.seconds(instant, 1);
        return fast != null
                ? fast.append('Z').toString()
                : SECONDS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }

    /**
     * UTC with a {@code +00:00} suffix and a fraction only when present, down to the nanosecond, like the existing
     * data (which has microseconds and is written exactly as before). The fraction never ends in a zero: with one
     * offset and no trailing zeros, string order equals time order whatever the widths ({@code +} sorts before any
     * digit, and {@code .5} after {@code .45}), where {@code .50} would sort after {@code .5} though equal to it.
     */
    public static String formatIngestedAt(Instant instant) {
        StringBuilder text = WireTime.seconds(instant, 16);
        if (text == null) {
            text = new StringBuilder(SECONDS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        }
        int fraction = instant.getNano();
        if (fraction != 0) {
            int digits = 9;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            WireTime.pad(text.append('.'), fraction, digits);
        }
        return text.append("+00:00").toString();
    }

    public static LocalDate parseDate(String field, String value) {
        LocalDate fast = WireTime.parseDate(value);
        if (fast != null) {
            return fast;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (RuntimeException e) {
            throw new InvalidPressRelease(field, value, "is not a date of the form YYYY-MM-DD");
        }
    }

    /**
     * An ISO-8601 date-time; {@code T} or a space between date and time; {@code Z} or {@code ±HH:MM} as the
     * offset. A date-time without an offset is read as UTC, which is what the older pipeline meant by it.
     */
    public static Instant parseInstant(String field, String value) {
        String text = value.trim();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        Instant fast = WireTime.parseInstant(text);
        if (fast != null) {
            return fast;
        }
        try {
            TemporalAccessor parsed = ISO_TIMESTAMP.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new InvalidPressRelease(
                    field,
                    value,
                    "is not an ISO-8601 timestamp such as 2025-01-15T11:00:00Z or 2025-01-15T12:00:00+02:00");
        }
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidPressRelease(field, null, "is required");
        }
        return value;
    }

    private static int toInt(String field, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidPressRelease(field, Long.toString(value), "does not fit in a 32-bit integer");
        }
        return (int) value;
    }

    private static <T extends Comparable<T>> Comparator<T> nullsFirst() {
        return Comparator.nullsFirst(Comparator.<T>naturalOrder());
    }

    /** Column values by name, in schema order; handy for writers that go column by column. */
    public static List<Function<WireRecord, Object>> columnGetters() {
        return List.of(
                WireRecord::pressReleaseId,
                WireRecord::companyName,
                WireRecord::category,
                WireRecord::releaseDate,
                WireRecord::releaseTsUtc,
                WireRecord::ingestedAt,
                WireRecord::title,
                WireRecord::fullText,
                WireRecord::source,
                WireRecord::sourceUrl,
                WireRecord::parserVersion,
                WireRecord::schemaVersion);
    }
}
