package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a mailbox received a message, as the containers that carry it say: the date of an mbox {@code From }
 * separator (Google Takeout writes the internal time there), else the message's {@code Date} header.
 */
public final class ReceivedTime {

    private static final Pattern SEPARATOR_DATE =
            Pattern.compile("^From \\S+\\s+(\\w{3} \\w{3} +\\d{1,2} \\d{2}:\\d{2}:\\d{2})( [+-]\\d{4})? (\\d{4})\\s*$");
    private static final DateTimeFormatter SEPARATOR =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss xx yyyy", Locale.ROOT);
    /** RFC 5322 obsolete zone names, which {@link DateTimeFormatter#RFC_1123_DATE_TIME} does not read. */
    private static final Map<String, String> NAMED_ZONES = Map.ofEntries(
            Map.entry("UT", "+0000"),
            Map.entry("UTC", "+0000"),
            Map.entry("Z", "+0000"),
            Map.entry("EST", "-0500"),
            Map.entry("EDT", "-0400"),
            Map.entry("CST", "-0600"),
            Map.entry("CDT", "-0500"),
            Map.entry("MST", "-0700"),
            Map.entry("MDT", "-0600"),
            Map.entry("PST", "-0800"),
            Map.entry("PDT", "-0700"));

    private static final Pattern TRAILING_ZONE = Pattern.compile("\\s([A-Z]{1,3})$");

    private ReceivedTime() {}

    /**
     * The date of a separator such as {@code From 1792634085621503799@xxx Thu Mar 14 09:30:00 +0000 2025}; one
     * without a zone ({@code From sender Thu Mar 14 09:30:00 2025}, as mbox tools write it) is in UTC.
     */
    public static Option<Instant> ofMboxSeparator(String separator) {
        Matcher m = SEPARATOR_DATE.matcher(separator == null ? "" : separator);
        if (!m.matches()) {
            return Option.none();
        }
        String zone = m.group(2) == null ? " +0000" : m.group(2);
        String date = (m.group(1) + zone + " " + m.group(3)).replaceAll(" +", " ");
        return Try.of(() -> OffsetDateTime.parse(date, SEPARATOR).toInstant()).toOption();
    }

    /** An RFC 5322 {@code Date} header ({@code Fri, 14 Mar 2025 09:30:00 +0100 (CET)}), or none if unreadable. */
    public static Option<Instant> ofDateHeader(String header) {
        if (header == null) {
            return Option.none();
        }
        String date =
                header.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").strip();
        Matcher zone = TRAILING_ZONE.matcher(date);
        if (zone.find() && NAMED_ZONES.containsKey(zone.group(1))) {
            date = date.substring(0, zone.start(1)) + NAMED_ZONES.get(zone.group(1));
        }
        String normalised = date;
        return Try.of(() -> OffsetDateTime.parse(normalised, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant())
                .toOption();
    }
}
