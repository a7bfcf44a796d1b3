package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeclaredTimeTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Published: 2025-03-14 09:30 CET|2025-03-14T08:30:00Z",
                "Publicerad: 2025-07-01 08:00:15 CEST|2025-07-01T06:00:15Z",
                "Publicerad 2025-07-01 08:00 CET|2025-07-01T07:00:00Z",
                "Julkaistu: 14.3.2025 klo 9.30 EET|2025-03-14T07:30:00Z",
                "Julkaistu 2025-06-02 12:00 EEST|2025-06-02T09:00:00Z",
                "Offentliggjort den 2025-01-20 10:00 CET|2025-01-20T09:00:00Z",
                "Offentliggjort: 2025-01-20 10:00 GMT+2|2025-01-20T08:00:00Z",
                "Published 2025-01-20 10:00 GMT-5|2025-01-20T15:00:00Z",
                "Published: 2025-01-20T10:00:00Z|2025-01-20T10:00:00Z",
                "Published: 2025-01-20 10:00 +05:30|2025-01-20T04:30:00Z",
                "Published: 2025-01-20 10:00 -0300|2025-01-20T13:00:00Z",
                "Published: 2025-05-20 10:00 BST|2025-05-20T09:00:00Z",
                "Published: 2025-05-20 10:00 WEST|2025-05-20T09:00:00Z",
                "Published: 2025-01-20 10:00 WET|2025-01-20T10:00:00Z",
                "Published: 2025-01-20 10:00 UTC|2025-01-20T10:00:00Z"
            })
    void aLabelledLineWithAZonedTimeIsTheDeclaredTime(String line, String expected) {
        String text = "Åsa Lindqvist, vd för Ærø Energi – \u201cett rekordår\u201d\n" + line + "\n2024-01-01 00:00 UTC";

        assertThat(DeclaredTime.inEmail(text).get().utc()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void withoutALabelTheFirstIsoTimeWithAZoneCountsAndTheRawTextIsKept() {
        DeclaredTime t = DeclaredTime.inEmail("Jyväskylä 2025-03-14 09:30\nMöte 2025-03-14 10:15:30 CET i Åbo 🎉")
                .get();

        assertThat(t.utc()).isEqualTo(Instant.parse("2025-03-14T09:15:30Z"));
        assertThat(t.raw()).isEqualTo("2025-03-14 10:15:30 CET");
    }

    @Test
    void aTimeWithoutAZoneIsNotADeclaredTime() {
        assertThat(DeclaredTime.inEmail("Publicerad: 2025-03-14 09:30\nJyväskylä, 2025-03-14 09:30 Zürich"))
                .isEmpty();
        assertThat(DeclaredTime.inEmail("Offentliggjort den 14.3.2025 kl. 09.30"))
                .isEmpty();
    }

    @Test
    void usZonesBelongToPageDatelinesNotToEmails() {
        assertThat(DeclaredTime.inEmail("Published: 2025-03-14 09:30 ET\nPlats: Åbo 2025-03-14 10:00 PT"))
                .isEmpty();
        assertThat(DeclaredTime.inDateline("2025-03-14 09:30 EDT").get().utc())
                .isEqualTo(Instant.parse("2025-03-14T13:30:00Z"));
    }

    @Test
    void cetInSummerStillMeansPlusOneBecauseThatIsWhatTheSenderWrote() {
        assertThat(DeclaredTime.inEmail("Publicerad: 2025-07-14 09:30 CET")
                        .get()
                        .utc())
                .isEqualTo(Instant.parse("2025-07-14T08:30:00Z"));
    }

    @Test
    void gmtPlusNMeansUtcPlusNForEveryOffset() {
        qt().forAll(integers().between(-12, 14), longs().between(0, 4_000_000_000L))
                .checkAssert((hours, second) -> {
                    LocalDateTime local = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
                    String text = "Published: " + local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"))
                            + " GMT" + (hours < 0 ? "-" : "+") + Math.abs(hours);

                    assertThat(DeclaredTime.inEmail(text).get().utc())
                            .isEqualTo(OffsetDateTime.of(local, ZoneOffset.ofHours(hours))
                                    .toInstant());
                });
    }

    @Test
    void numericOffsetsAgreeWithJavaTime() {
        qt().forAll(integers().between(-14 * 60, 14 * 60), longs().between(0, 4_000_000_000L))
                .checkAssert((minutes, second) -> {
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(minutes * 60);
                    LocalDateTime local = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
                    String text = "text\n" + local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")) + " "
                            + (offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());

                    assertThat(DeclaredTime.inEmail(text).get().utc()).isEqualTo(local.toInstant(offset));
                });
    }

    @Test
    void usDatelineZonesFollowDaylightSavingLikeJavaTime() {
        qt().forAll(longs().between(946_684_800L, 4_000_000_000L)).checkAssert(second -> {
            LocalDateTime local = LocalDateTime.ofEpochSecond(second - second % 60, 0, ZoneOffset.UTC);
            ZoneId newYork = ZoneId.of("America/New_York");
            String text =
                    "NEW YORK, " + local.format(DateTimeFormatter.ofPattern("MMMM d, uuuu HH:mm", java.util.Locale.US))
                            + " ET /PRNewswire/ –";

            assertThat(Dateline.inText(text).get().utc())
                    .isEqualTo(local.toInstant(newYork.getRules().getOffset(local)));
        });
    }

    @Test
    void usDatelinesReadTwelveHourClocks() {
        assertThat(Dateline.inText("March 14, 2025 at 9:30 a.m. EDT").get().utc())
                .isEqualTo(Instant.parse("2025-03-14T13:30:00Z"));
        assertThat(Dateline.inText("Mar 14, 2025, 12:05 PM PT").get().utc())
                .isEqualTo(Instant.parse("2025-03-14T19:05:00Z"));
        assertThat(Dateline.inText("Mar 14, 2025, 12:05 AM CT").get().utc())
                .isEqualTo(Instant.parse("2025-03-14T05:05:00Z"));
        assertThat(Dateline.inText("March 14, 2025 09:30")).isEmpty();
    }

    @Test
    void feedTimesAreReadAsRfc822OrZonedIso() {
        assertThat(Dateline.feedTime("Fri, 14 Mar 2025 08:30:00 +0100").get())
                .isEqualTo(Instant.parse("2025-03-14T07:30:00Z"));
        assertThat(Dateline.feedTime("2025-03-14T08:30:00+01:00").get())
                .isEqualTo(Instant.parse("2025-03-14T07:30:00Z"));
        assertThat(Dateline.feedTime("2025-03-14")).isEmpty();
        assertThat(Dateline.feedTime("igår")).isEmpty();
    }
}
