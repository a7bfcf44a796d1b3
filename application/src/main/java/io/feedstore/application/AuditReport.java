package io.feedstore.application;

import io.feedstore.domain.release.Source;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Bronze against silver, per source and date: the counts on both sides and the ids found on one side only. */
public record AuditReport(LocalDate from, LocalDate to, List<Day> days) {

    public AuditReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        days = List.copyOf(days);
    }

    public boolean diverges() {
        return days.stream().anyMatch(Day::diverges);
    }

    /**
     * One source and date: bronze items with that {@code dt}, silver press releases with that release date, the
     * bronze ids that have no press release, and the silver ids of bronze form that have no bronze item.
     */
    public record Day(
            Source source,
            LocalDate date,
            long bronzeItems,
            long silverReleases,
            List<String> bronzeNotInSilver,
            List<String> silverWithoutBronze) {

        public Day {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(date, "date");
            bronzeNotInSilver = List.copyOf(bronzeNotInSilver);
            silverWithoutBronze = List.copyOf(silverWithoutBronze);
        }

        public boolean diverges() {
            return !bronzeNotInSilver.isEmpty() || !silverWithoutBronze.isEmpty();
        }
    }
}
