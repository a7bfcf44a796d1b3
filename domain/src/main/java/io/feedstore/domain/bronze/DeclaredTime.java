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
    private static final String ZONE = "\\s*(" + TimeZoneLabel.PATTERN + ")(?![\\p{L}\\p{N}])";
    /** {@code 2025-03-14 09:30[:00] ZONE}, {@code T} allowed between date and time. */
    private static final Pattern ISO = Pattern.compile(
            "(?<![0-9])(\\d{4})-(\\d{2})-(\\d{2})[T ]" + ISO_TIME + ZONE);
    /** {@code 14.3.2025 [klo|kl.] 9.30 ZONE} and {@code 14/3/2025 9:30 ZONE}, the Nordic way of writing a date. */
    private static final Pattern NORDIC = Pattern.compile(
            "(?<![0-9])(\\d{1,2})[./](\\d{1,2})[./](\\d{4}),?\\s+(?:klo\\.?\\s+|kl\\.?\\s+|at\\s+)?" + TIME + ZONE);

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
            Option<DeclaredTime> found = firstIso(rest).orElse(() -> firstNordic(rest));
            if (found.isDefined()) {
                return found;
            }
        }
        return firstIso(text);
    }

    /** The first zoned time in a page dateline, ISO or Nordic form. */
    public static Option<DeclaredTime> inDateline(String text) {
        return firstIso(text).orElse(() -> firstNordic(text));
    }

    private static Option<DeclaredTime> firstIso(String text) {
        Matcher m = ISO.matcher(text);
        while (m.find()) {
            Option<DeclaredTime> t = at(m, m.group(1), m.group(2), m.group(3), 4);
            if (t.isDefined()) {
                return t;
            }
        }
        return Option.none();
    }

    private static Option<DeclaredTime> firstNordic(String text) {
        Matcher m = NORDIC.matcher(text);
        while (m.find()) {
            Option<DeclaredTime> t = at(m, m.group(3), m.group(2), m.group(1), 4);
            if (t.isDefined()) {
                return t;
            }
        }
        return Option.none();
    }

    private static Option<DeclaredTime> at(Matcher m, String year, String month, String day, int timeGroup) {
        try {
            String seconds = m.group(timeGroup + 2);
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(year), Integer.parseInt(month),
                    Integer.parseInt(day), Integer.parseInt(m.group(timeGroup)), Integer.parseInt(m.group(timeGroup + 1)),
                    seconds == null ? 0 : Integer.parseInt(seconds));
            return TimeZoneLabel.offset(m.group(timeGroup + 3), local)
                    .map(offset -> new DeclaredTime(local.toInstant(offset), m.group().trim()));
        } catch (DateTimeException e) {
            return Option.none();
        }
    }
}
