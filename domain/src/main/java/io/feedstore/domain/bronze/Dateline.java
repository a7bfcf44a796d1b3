package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as pages and feeds write them; a time without a zone is never used, since it names no instant. */
public final class Dateline {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));

    /** {@code March 14, 2025 9:30 AM ET}, {@code Mar 14, 2025, 09:30 EDT}, {@code March 14, 2025 at 9:30 a.m. PT}. */
    private static final Pattern US = Pattern.compile(
            "\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?\\s+(\\d{1,2}),?\\s+(\\d{4}),?\\s+"
                    + "(?:at\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*(?:([AaPp])\\.?\\s?[Mm]\\.?)?\\s*("
                    + TimeZoneLabel.PATTERN + ")(?![\\p{L}\\p{N}])");

    /** ISO-8601 with a zone: {@code T} or a space, optional seconds and fraction, {@code Z}, {@code +01:00} or {@code +0100}. */
    private static final DateTimeFormatter ISO_ZONED = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalEnd()
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter ISO_ZONED_COMPACT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalEnd()
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ROOT);

    private Dateline() {}

    /** An ISO-8601 date-time with a zone ({@code datePublished}, meta tags, {@code <time datetime>}). */
    public static Option<Instant> isoZoned(String value) {
        if (value == null) {
            return Option.none();
        }
        String text = value.strip();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {ISO_ZONED, ISO_ZONED_COMPACT}) {
            try {
                return Option.of(OffsetDateTime.parse(text, format).toInstant());
            } catch (DateTimeException e) {
                // try the next shape
            }
        }
        return Option.none();
    }

    /** A feed's published/updated text: RFC 822 dates ({@code Fri, 14 Mar 2025 08:30:00 +0100}) or zoned ISO-8601. */
    public static Option<Instant> feedTime(String value) {
        if (value == null || value.isBlank()) {
            return Option.none();
        }
        try {
            return Option.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeException e) {
            return isoZoned(value);
        }
    }

    /** The first zoned time in a dateline: US style with month names, else ISO or Nordic as in emails. */
    public static Option<DeclaredTime> inText(String text) {
        Matcher m = US.matcher(text);
        while (m.find()) {
            try {
                int hour = Integer.parseInt(m.group(4));
                String half = m.group(7);
                if (half != null) {
                    if (hour < 1 || hour > 12) {
                        continue;
                    }
                    hour = hour % 12 + (half.equalsIgnoreCase("p") ? 12 : 0);
                }
                LocalDateTime local = LocalDateTime.of(
                        Integer.parseInt(m.group(3)),
                        MONTHS.get(m.group(1).toLowerCase(Locale.ROOT)),
                        Integer.parseInt(m.group(2)),
                        hour,
                        Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                Option<ZoneOffset> offset = TimeZoneLabel.offset(m.group(8), local);
                if (offset.isDefined()) {
                    return Option.of(new DeclaredTime(
                            local.toInstant(offset.get()), m.group().strip()));
                }
            } catch (DateTimeException e) {
                // not a real date; look further
            }
        }
        return DeclaredTime.inDateline(text);
    }
}
