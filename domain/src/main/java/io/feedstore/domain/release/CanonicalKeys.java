package io.feedstore.domain.release;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The fast path of {@link StoredRow#check}: key columns that are already, byte for byte, in the form feedstore
 * writes them are recognised on their bytes, without building the record and writing its keys again. Almost every
 * row consolidation copies is such a row (feedstore wrote it). Anything else, an unusual year included, is left
 * to the full check, which decides by the record's own rules: this class only ever says "canonical" or "don't
 * know", never "refused".
 *
 * <p>Recognised, for years {@value #FIRST_YEAR} to {@value #LAST_YEAR} (inside every range the record accepts,
 * and where {@code ingested_at}'s key is exact):
 *
 * <ul>
 *   <li>{@code release_date} {@code YYYY-MM-DD}, a real date;
 *   <li>{@code release_ts_utc} absent or {@code YYYY-MM-DDTHH:MM:SSZ};
 *   <li>{@code ingested_at} absent or {@code YYYY-MM-DDTHH:MM:SS}, a fraction of 1 to 9 digits not ending in
 *       zero or none, then {@code +00:00};
 *   <li>a {@code press_release_id} whose first byte is a visible ASCII character (so it is not blank), a source of
 *       {@link Source#RULE}, versions that fit in 32 bits.
 * </ul>
 *
 * <p>{@code StoredRowTest} proves it against the record path on rows with keys at every edge of these forms.
 */
final class CanonicalKeys {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2199;

    private static final int RELEASE_DATE = 3;
    private static final int RELEASE_TS_UTC = 4;
    private static final int INGESTED_AT = 5;
    private static final int SOURCE = 8;
    private static final byte[] UTC_OFFSET = "+00:00".getBytes(StandardCharsets.US_ASCII);

    /** The last source and release date recognised: a partition's rows all share them. Immutable, so shared. */
    private static volatile Partitioned last;

    private record Partitioned(byte[] sourceBytes, Source source, byte[] dateBytes, LocalDate date) {}

    private CanonicalKeys() {}

    /**
     * The checked row, the row itself unchanged, when every key column of {@code row} (whose texts are well-formed
     * UTF-8) is in feedstore's form; null when any is not, or when in doubt.
     */
    static CheckedRow check(StoredRow row) {
        if (!fitsInt(row.parserVersion()) || !fitsInt(row.schemaVersion())) {
            return null;
        }
        byte[] id = row.value(0);
        if (id == null || id.length == 0 || id[0] <= ' ' || id[0] > '~') {
            return null;
        }
        Partitioned partition = partition(row.value(SOURCE), row.value(RELEASE_DATE));
        if (partition == null) {
            return null;
        }
        byte[] releaseTs = row.value(RELEASE_TS_UTC);
        if (releaseTs != null
                && (releaseTs.length != 20 || epochSecond(releaseTs) == NO_TIME || releaseTs[19] != 'Z')) {
            return null;
        }
        long ingestedAtKey = ingestedAtKey(row.value(INGESTED_AT));
        if (ingestedAtKey == NO_KEY) {
            return null;
        }
        return new CheckedRow(
                row,
                new PressReleaseId(new String(id, StandardCharsets.UTF_8)),
                partition.source(),
                partition.date(),
                ingestedAtKey);
    }

    private static boolean fitsInt(Long version) {
        return version == null || (version >= Integer.MIN_VALUE && version <= Integer.MAX_VALUE);
    }

    private static Partitioned partition(byte[] source, byte[] date) {
        if (source == null || date == null) {
            return null;
        }
        Partitioned known = last;
        if (known != null && Arrays.equals(known.sourceBytes(), source) && Arrays.equals(known.dateBytes(), date)) {
            return known;
        }
        String sourceText = new String(source, StandardCharsets.UTF_8);
        if (date.length != 10
                || !dateAt(date, 0)
                || !Source.RULE.matcher(sourceText).matches()) {
            return null;
        }
        LocalDate day = LocalDate.of(number(date, 0, 4), number(date, 5, 2), number(date, 8, 2));
        Partitioned recognised = new Partitioned(source.clone(), new Source(sourceText), date.clone(), day);
        last = recognised;
        return recognised;
    }

    private static final long NO_TIME = Long.MIN_VALUE;
    /** Not a key of the years recognised (those keys are exact nanoseconds, far from it). */
    static final long NO_KEY = Long.MIN_VALUE + 7;

    /**
     * The key ({@link PressRelease#ingestedAtKey}) of an {@code ingested_at} in feedstore's form, {@link
     * PressRelease#NOT_INGESTED} for null, or {@link #NO_KEY} when {@code text} is not in that form.
     */
    static long ingestedAtKey(byte[] text) {
        if (text == null) {
            return PressRelease.NOT_INGESTED;
        }
        if (text.length < 25) {
            return NO_KEY;
        }
        long seconds = epochSecond(text);
        if (seconds == NO_TIME) {
            return NO_KEY;
        }
        int at = 19;
        int nanos = 0;
        if (text[at] == '.') {
            int digits = text.length - 6 - (at + 1);
            if (digits < 1 || digits > 9 || text[at + digits] == '0' || !digits(text, at + 1, digits)) {
                return NO_KEY;
            }
            nanos = number(text, at + 1, digits);
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
            at += 1 + digits;
        }
        if (text.length != at + UTC_OFFSET.length
                || !Arrays.equals(text, at, text.length, UTC_OFFSET, 0, UTC_OFFSET.length)) {
            return NO_KEY;
        }
        return seconds * 1_000_000_000L + nanos;
    }

    /** Seconds since the epoch of {@code YYYY-MM-DDTHH:MM:SS} at the start of {@code text}, or {@link #NO_TIME}. */
    private static long epochSecond(byte[] text) {
        if (text.length < 19
                || !dateAt(text, 0)
                || text[10] != 'T'
                || text[13] != ':'
                || text[16] != ':'
                || !digits(text, 11, 2)
                || !digits(text, 14, 2)
                || !digits(text, 17, 2)) {
            return NO_TIME;
        }
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (hour > 23 || minute > 59 || second > 59) {
            return NO_TIME;
        }
        long day = LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2))
                .toEpochDay();
        return day * 86_400 + hour * 3_600L + minute * 60L + second;
    }

    /** Whether {@code YYYY-MM-DD}, a real date of the years recognised, starts at {@code from}. */
    private static boolean dateAt(byte[] text, int from) {
        if (text.length < from + 10
                || text[from + 4] != '-'
                || text[from + 7] != '-'
                || !digits(text, from, 4)
                || !digits(text, from + 5, 2)
                || !digits(text, from + 8, 2)) {
            return false;
        }
        int year = number(text, from, 4);
        int month = number(text, from + 5, 2);
        int day = number(text, from + 8, 2);
        return year >= FIRST_YEAR
                && year <= LAST_YEAR
                && month >= 1
                && month <= 12
                && day >= 1
                && day <= daysIn(year, month);
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean digits(byte[] text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (text[i] < '0' || text[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(byte[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }
}
