package io.feedstore.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.domain.Generators;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link WireTime}'s hand-written paths against {@link DateTimeFormatter} doing the same job: whatever the fast
 * path answers, the formatter answers too, and values in the usual shapes really do take the fast path.
 */
class WireTimeTest {

    private static final DateTimeFormatter ISO = WireRecord.ISO_TIMESTAMP;
    private static final DateTimeFormatter DATE = WireRecord.DATE;
    private static final DateTimeFormatter SECONDS = WireRecord.SECONDS;

    private static Instant byFormatter(String text) {
        try {
            TemporalAccessor parsed = ISO.parse(text);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? OffsetDateTime.from(parsed).toInstant()
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalDate dateByFormatter(String text) {
        try {
            return LocalDate.parse(text, DATE);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Numbers of {@code digits} digits, mostly in range, sometimes not (month 13, hour 24, day 31 of April). */
    private static Gen<String> field(int digits, int low, int high) {
        int max = (int) Math.pow(10, digits) - 1;
        return Generate.frequency(List.of(
                        org.quicktheories.api.Pair.of(6, integers().between(low, high)),
                        org.quicktheories.api.Pair.of(1, integers().between(0, max))))
                .map(v -> String.format("%0" + digits + "d", v));
    }

    /** Text shaped like a wire timestamp, with every variation the formatter accepts and some it refuses. */
    private static Gen<String> timestampLike() {
        Gen<String> fraction = integers().between(-1, 10).map(n -> n < 0 ? "" : "." + "123456789012".substring(0, n));
        Gen<String> offset = Generate.pick(List.of(
                "",
                "Z",
                "z",
                "+00:00",
                "-00:00",
                "+02:00",
                "-05:30",
                "+18:00",
                "+19:00",
                "+05:60",
                "+0200",
                "+02",
                "+02:00:30",
                " ",
                "Q"));
        Gen<String> t = Generate.pick(List.of("T", "t", "T", "T", "x"));
        return field(4, 1, 9999)
                .zip(field(2, 1, 12), field(2, 1, 31), (y, m, d) -> y + "-" + m + "-" + d)
                .zip(t, field(2, 0, 23), field(2, 0, 59), (date, sep, h, min) -> date + sep + h + ":" + min)
                .zip(field(2, 0, 59), fraction, offset, (prefix, s, f, o) -> prefix + ":" + s + f + o);
    }

    @Test
    void theFastTimestampParserAgreesWithTheFormatterAndTakesTheUsualShapes() {
        qt().withExamples(20_000).forAll(timestampLike()).checkAssert(text -> {
            Instant fast = WireTime.parseInstant(text);
            Instant slow = byFormatter(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(slow);
            }
            boolean usual =
                    text.matches("\\d{4}-\\d\\d-\\d\\d[Tt]\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?([Zz]|[+-]\\d\\d:\\d\\d)?");
            if (slow != null && usual) {
                assertThat(fast)
                        .as("the usual shape " + text + " takes the fast path")
                        .isEqualTo(slow);
            }
        });
    }

    @Test
    void theFastDateParserAgreesWithTheFormatter() {
        qt().withExamples(20_000)
                .forAll(field(4, 1, 9999), field(2, 1, 12), field(2, 1, 31))
                .checkAssert((y, m, d) -> {
                    String text = y + "-" + m + "-" + d;
                    assertThat(WireTime.parseDate(text)).as(text).isEqualTo(dateByFormatter(text));
                });
        assertThat(WireTime.parseDate("2025-1-15")).isNull();
        assertThat(WireTime.parseDate(null)).isNull();
    }

    @Test
    void formattingMatchesTheFormatterOverTheWholeRange() {
        qt().withExamples(20_000)
                .forAll(
                        longs().between(Generators.FIRST_SECOND, Generators.LAST_SECOND),
                        integers().between(0, 999_999_999))
                .checkAssert((second, nanos) -> {
                    Instant instant = Instant.ofEpochSecond(second, nanos);
                    String seconds = SECONDS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
                    String fraction =
                            nanos == 0 ? "" : "." + String.format("%09d", nanos).replaceFirst("0+$", "");
                    assertThat(WireRecord.formatIngestedAt(instant)).isEqualTo(seconds + fraction + "+00:00");
                    assertThat(WireRecord.formatReleaseTimestamp(instant)).isEqualTo(seconds + "Z");
                    LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
                    assertThat(WireRecord.formatDate(date)).isEqualTo(DATE.format(date));
                    assertThat(WireRecord.parseInstant("ingested_at", WireRecord.formatIngestedAt(instant)))
                            .isEqualTo(instant);
                });
    }
}
