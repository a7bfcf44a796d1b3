package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The zone written after a time in a press release, turned into the offset it means at that local time.
 * {@code GMT+2} means UTC+2 (the older jobs read it as UTC-2). A named European zone is a fixed offset, as
 * written: "CET" in July still means +01:00, because that is what the sender wrote.
 */
public final class TimeZoneLabel {

    /** The labels an email's declared time may carry, longest first so that "CEST" is not read as "CET". */
    public static final String EUROPEAN = "(?:(?:GMT|UTC)\\s?[+-]\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}"
            + "|CEST|CET|EEST|EET|BST|WEST|WET|UTC|GMT|Z)";
    /** Every label this class understands: page datelines add the US zones. */
    public static final String PATTERN =
            "(?:" + EUROPEAN.substring(3, EUROPEAN.length() - 1) + "|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|CT|MT|PT)";

    private static final Pattern GMT_OFFSET = Pattern.compile("(?:GMT|UTC)\\s?([+-])(\\d{1,2})(?::?(\\d{2}))?");
    private static final Pattern NUMERIC = Pattern.compile("([+-])(\\d{2}):?(\\d{2})");

    private static final Map<String, ZoneOffset> FIXED = Map.ofEntries(
            Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC),
            Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("EET", ZoneOffset.ofHours(2)),
            Map.entry("EEST", ZoneOffset.ofHours(3)),
            Map.entry("BST", ZoneOffset.ofHours(1)),
            Map.entry("WET", ZoneOffset.UTC),
            Map.entry("WEST", ZoneOffset.ofHours(1)),
            Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)));

    /** US datelines write "ET" for whichever of EST/EDT is in force, so these follow the region's rules. */
    private static final Map<String, ZoneId> REGIONAL = Map.of(
            "ET",
            ZoneId.of("America/New_York"),
            "CT",
            ZoneId.of("America/Chicago"),
            "MT",
            ZoneId.of("America/Denver"),
            "PT",
            ZoneId.of("America/Los_Angeles"));

    private TimeZoneLabel() {}

    /** The offset {@code label} means at {@code local}, or none for a label this class does not know. */
    public static Option<ZoneOffset> offset(String label, LocalDateTime local) {
        String text = label.trim().toUpperCase(Locale.ROOT);
        ZoneOffset fixed = FIXED.get(text);
        if (fixed != null) {
            return Option.of(fixed);
        }
        ZoneId regional = REGIONAL.get(text);
        if (regional != null) {
            return Option.of(regional.getRules().getOffset(local));
        }
        Matcher gmt = GMT_OFFSET.matcher(text);
        if (gmt.matches()) {
            return offset(gmt.group(1), gmt.group(2), gmt.group(3) == null ? "0" : gmt.group(3));
        }
        Matcher numeric = NUMERIC.matcher(text);
        if (numeric.matches()) {
            return offset(numeric.group(1), numeric.group(2), numeric.group(3));
        }
        return Option.none();
    }

    private static Option<ZoneOffset> offset(String sign, String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h > 14 || m > 59) {
            return Option.none();
        }
        int s = sign.equals("-") ? -1 : 1;
        return Option.of(ZoneOffset.ofHoursMinutes(s * h, s * m));
    }
}
