package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceivedTimeTest {

    @Test
    void aTakeoutSeparatorGivesTheInternalTimeWithItsZone() {
        assertThat(ReceivedTime.ofMboxSeparator("From 1792634085621503799@xxx Fri Mar 14 09:30:00 +0100 2025"))
                .containsExactly(Instant.parse("2025-03-14T08:30:00Z"));
    }

    @Test
    void aSeparatorWithoutAZoneIsInUtcAndOneWithoutADateGivesNone() {
        assertThat(ReceivedTime.ofMboxSeparator("From asa.lindqvist@example.se Sat Mar  1 23:05:09 2025"))
                .containsExactly(Instant.parse("2025-03-01T23:05:09Z"));
        assertThat(ReceivedTime.ofMboxSeparator("From someone")).isEmpty();
    }

    @Test
    void dateHeadersWithCommentsNamedZonesAndNoWeekdayAreRead() {
        assertThat(ReceivedTime.ofDateHeader("Fri, 14 Mar 2025 09:31:02 +0100 (CET)"))
                .containsExactly(Instant.parse("2025-03-14T08:31:02Z"));
        assertThat(ReceivedTime.ofDateHeader("14 Mar 2025 09:31 EST"))
                .containsExactly(Instant.parse("2025-03-14T14:31:00Z"));
        assertThat(ReceivedTime.ofDateHeader("Fri, 14 Mar 2025 09:31:02 UTC"))
                .containsExactly(Instant.parse("2025-03-14T09:31:02Z"));
    }

    @Test
    void anUnreadableDateHeaderGivesNone() {
        assertThat(ReceivedTime.ofDateHeader("torstaina – “pian”")).isEmpty();
        assertThat(ReceivedTime.ofDateHeader(null)).isEmpty();
    }
}
