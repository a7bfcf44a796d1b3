package io.feedstore.domain.release;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The wire's dates and timestamps in their usual shapes, read and written without {@link
 * java.time.format.DateTimeFormatter}: a consolidation converts every row's timestamps several times, and the
 * formatter's generality was a tenth of its time. Only the shapes the data really has take this path; anything
 * else (and every invalid value) answers {@code null} here, so that {@link WireRecord}'s formatters decide it
 * and word its error. {@code WireTimeTest} checks both paths agree on every value.
 */
final class WireTime {

    private WireTime() {}

    /**
     * {@code uuuu-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, and an optional {@code Z} or
     * {@code ±HH:MM} offset (none means UTC), {@code T} and {@code Z} in either case; {@code null} for any other
     * text, or a field out of range.
     */
    static Instant parseInstant(String text) {
        int length = text.length();
        if (length < 19
                || !dateShape(text)
                || !isT(text.charAt(10))
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || !digits(text, 11, 2)
                || !digits(text, 14, 2)
                || !digits(text, 17, 2)) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && isDigit(text.charAt(at))) {
                at++;
            }
            int digits = at - start;
            if (digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(text, start, digits);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (at == length) {
            offset = ZoneOffset.UTC;
        } else if (at + 1 == length && (text.charAt(at) == 'Z' || text.charAt(at) == 'z')) {
            offset = ZoneOffset.UTC;
        } else if (at + 6 == length
                && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && digits(text, at + 1, 2)
                && text.charAt(at + 3) == ':'
                && digits(text, at + 4, 2)) {
            int sign = text.charAt(at) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * number(text, at + 1, 2), sign * number(text, at + 4, 2));
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(
                            number(text, 0, 4),
                            number(text, 5, 2),
                            number(text, 8, 2),
                            number(text, 11, 2),
                            number(text, 14, 2),
                            number(text, 17, 2),
                            nanos)
                    .toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code uuuu-MM-dd} and nothing else; {@code null} otherwise (including a day the month lacks). */
    static LocalDate parseDate(String text) {
        if (text == null || text.length() != 10 || !dateShape(text)) {
            return null;
        }
        try {
            return LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code uuuu-MM-dd}; {@code null} for a year that does not take four digits. */
    static String formatDate(LocalDate date) {
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return null;
        }
        return appendDate(new StringBuilder(10), date).toString();
    }

    /** {@code uuuu-MM-ddTHH:mm:ss} of {@code instant} in UTC; {@code null} for a year that does not take four digits. */
    static StringBuilder seconds(Instant instant, int extra) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return null;
        }
        StringBuilder text =
                appendDate(new StringBuilder(19 + extra), t.toLocalDate()).append('T');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        return pad(text, t.getSecond(), 2);
    }

    /** Appends {@code value} as exactly {@code digits} decimal digits (value must fit). */
    static StringBuilder pad(StringBuilder text, int value, int digits) {
        for (int unit = pow10(digits - 1); unit > 0; unit /= 10) {
            text.append((char) ('0' + value / unit % 10));
        }
        return text;
    }

    private static StringBuilder appendDate(StringBuilder text, LocalDate date) {
        pad(text, date.getYear(), 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        return pad(text, date.getDayOfMonth(), 2);
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private static boolean dateShape(String text) {
        return digits(text, 0, 4)
                && text.charAt(4) == '-'
                && digits(text, 5, 2)
                && text.charAt(7) == '-'
                && digits(text, 8, 2);
    }

    private static boolean isT(char c) {
        return c == 'T' || c == 't';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
