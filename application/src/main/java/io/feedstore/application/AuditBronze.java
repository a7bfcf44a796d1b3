package io.feedstore.application;

import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectStore;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Use case: the bronze/silver divergence audit. For each source and date in range it compares the bronze items
 * ({@code dt}) with the silver press releases (release date) by id. A press release's date can differ from its
 * item's {@code dt} (a declared time late in the evening, in another zone), so ids are matched within
 * {@value #MATCH_DAYS} days on either side. Only silver ids of bronze form (a Gmail id, {@code source__hash16})
 * are expected to have a bronze item; rows ingested as JSON Lines under other ids are not counted as missing.
 */
public final class AuditBronze {

    static final int MATCH_DAYS = 2;

    private final ObjectStore store;
    private final LoadPressReleases load;

    public AuditBronze(ObjectStore store, RecordCodec codec) {
        this.store = Objects.requireNonNull(store, "store");
        this.load = new LoadPressReleases(store, Objects.requireNonNull(codec, "codec"));
    }

    /**
     * @throws ArchiveException when bronze cannot be listed
     * @throws LoadException when silver cannot be read completely (an audit of part of silver would mislead)
     */
    public AuditReport audit(LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        LocalDate wideFrom = from.minusDays(MATCH_DAYS);
        LocalDate wideTo = to.plusDays(MATCH_DAYS);
        Set<RawItem> bronze = BronzeItems.between(store, wideFrom, wideTo, sources)
                .getOrElseThrow(f -> new ArchiveException("listing bronze failed: " + f.message(), f))
                .keySet();
        List<PressRelease> silver = load.load(wideFrom, wideTo, sources);

        Map<Source, Set<String>> bronzeIds = new HashMap<>();
        bronze.forEach(item -> bronzeIds
                .computeIfAbsent(item.source(), s -> new HashSet<>())
                .add(item.id().value()));
        Map<Source, Set<String>> silverIds = new HashMap<>();
        silver.forEach(
                r -> silverIds.computeIfAbsent(r.source(), s -> new HashSet<>()).add(r.id().value()));

        Map<Key, Tally> days = new TreeMap<>();
        for (RawItem item : bronze) {
            if (inRange(item.dt(), from, to)) {
                Tally tally = days.computeIfAbsent(new Key(item.source(), item.dt()), k -> new Tally());
                tally.bronze++;
                if (!silverIds
                        .getOrDefault(item.source(), Set.of())
                        .contains(item.id().value())) {
                    tally.bronzeOnly.add(item.id().value());
                }
            }
        }
        for (PressRelease release : silver) {
            if (inRange(release.releaseDate(), from, to)) {
                Tally tally = days.computeIfAbsent(new Key(release.source(), release.releaseDate()), k -> new Tally());
                tally.silver++;
                String id = release.id().value();
                if (isBronzeId(id)
                        && !bronzeIds.getOrDefault(release.source(), Set.of()).contains(id)) {
                    tally.silverOnly.add(id);
                }
            }
        }
        List<AuditReport.Day> report = new ArrayList<>();
        days.forEach((key, tally) -> report.add(new AuditReport.Day(
                key.source(),
                key.date(),
                tally.bronze,
                tally.silver,
                tally.bronzeOnly.stream().sorted().toList(),
                tally.silverOnly.stream().sorted().toList())));
        return new AuditReport(from, to, report);
    }

    private static boolean isBronzeId(String id) {
        return Try.of(() -> RawItemId.of(id)).isSuccess();
    }

    private static boolean inRange(LocalDate date, LocalDate from, LocalDate to) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    private record Key(Source source, LocalDate date) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySource = source.value().compareTo(other.source.value());
            return bySource != 0 ? bySource : date.compareTo(other.date);
        }
    }

    private static final class Tally {
        long bronze;
        long silver;
        final List<String> bronzeOnly = new ArrayList<>();
        final List<String> silverOnly = new ArrayList<>();
    }
}
