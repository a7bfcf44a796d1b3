package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A publication time a press release states in its own text, with the text it was read from. Only a time with a
 * zone counts: "09:30" alone could be any of a dozen instants.
 */
public record DeclaredTime(Instant utc, String raw) {

    /** Lines that announce the publication time, in the languages of the feed; the colon is optional. */
    private static final Pattern LABELLED = Pattern.compile(
            "^\\s*(?:Published|Publicerad|Julkaistu|Offentliggjort den|Offentliggjort)\\b\\s*:?\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private static final String ISO_TIME = "(\\d{2}):(\\d{2})(?::(\\d{2}))?";
    private static final String TIME = "(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?";
    /** {@code 2025-03-14 09:30[:00] ZONE}, {@code T} allowed between date and time. */
    private static final String ISO = "(?<![0-9])(\\d{4})-(\\d{2})-(\\d{2})[T ]" + ISO_TIME;
    /** {@code 14.3.2025 [klo|kl.] 9.30 ZONE} and {@code 14/3/2025 9:30 ZONE}, the Nordic way of writing a date. */
    private static final String NORDIC =
            "(?<![0-9])(\\d{1,2})[./](\\d{1,2})[./](\\d{4}),?\\s+(?:klo\\.?\\s+|kl\\.?\\s+|at\\s+)?" + TIME;

    private static final Pattern ISO_EMAIL = Pattern.compile(ISO + zone(TimeZoneLabel.EUROPEAN));
    private static final Pattern NORDIC_EMAIL = Pattern.compile(NORDIC + zone(TimeZoneLabel.EUROPEAN));
    private static final Pattern ISO_ANY = Pattern.compile(ISO + zone(TimeZoneLabel.PATTERN));
    private static final Pattern NORDIC_ANY = Pattern.compile(NORDIC + zone(TimeZoneLabel.PATTERN));

    public DeclaredTime {
        Objects.requireNonNull(utc, "utc");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * The declared time of an email's text: the first line starting with Published, Publicerad, Julkaistu,
     * Offentliggjort or Offentliggjort den that holds a zoned time, else the first {@code YYYY-MM-DD HH:MM[:SS]}
     * followed by a zone anywhere in the text.
     */
    public static Option<DeclaredTime> inEmail(String text) {
        Matcher labelled = LABELLED.matcher(text);
        while (labelled.find()) {
            String rest = labelled.group(1);
            Option<DeclaredTime> found = first(ISO_EMAIL, rest, false).orElse(() -> first(NORDIC_EMAIL, rest, true));
            if (found.isDefined()) {
                return found;
            }
        }
        return first(ISO_EMAIL, text, false);
    }

    /** The first zoned time in a page dateline, ISO or Nordic form. */
    public static Option<DeclaredTime> inDateline(String text) {
        return first(ISO_ANY, text, false).orElse(() -> first(NORDIC_ANY, text, true));
    }

    private static String zone(String labels) {
        return "\\s*(" + labels + ")(?![\\p{L}\\p{N}])";
    }

    private static Option<DeclaredTime> first(Pattern pattern, String text, boolean dayFirst) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            Option<DeclaredTime> t = dayFirst
                    ? at(m, m.group(3), m.group(2), m.group(1), 4)
                    : at(m, m.group(1), m.group(2), m.group(3), 4);
            if (t.isDefined()) {
                return t;
            }
        }
        return Option.none();
    }

    private static Option<DeclaredTime> at(Matcher m, String year, String month, String day, int timeGroup) {
        try {
            String seconds = m.group(timeGroup + 2);
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(year),
                    Integer.parseInt(month),
                    Integer.parseInt(day),
                    Integer.parseInt(m.group(timeGroup)),
                    Integer.parseInt(m.group(timeGroup + 1)),
                    seconds == null ? 0 : Integer.parseInt(seconds));
            return TimeZoneLabel.offset(m.group(timeGroup + 3), local)
                    .map(offset ->
                            new DeclaredTime(local.toInstant(offset), m.group().trim()));
        } catch (DateTimeException e) {
            return Option.none();
        }
    }
}
