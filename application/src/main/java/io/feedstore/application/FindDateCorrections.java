package io.feedstore.application;

import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Use case: the press releases of some partitions that their source also stores under another release date
 * within a window of days (a corrected release date leaves the older version in the old date's partition). For
 * such an id, {@code load} answers differently for a range holding one of its dates than for a range holding all
 * of them. Only the key columns are read (ranged reads where the store has them), and only of partitions within
 * the window, so the cost is bounded by the window, never by the store's history.
 */
public final class FindDateCorrections {

    /** Days either side of a partition's date that are searched: corrections are rarely further apart. */
    public static final int DEFAULT_WINDOW_DAYS = 7;

    /** An id of {@code source} stored under each of {@code dates} (two or more, in order). */
    public record DateCorrection(Source source, PressReleaseId id, List<LocalDate> dates) {

        public DateCorrection {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            dates = List.copyOf(dates);
            if (dates.size() < 2) {
                throw new IllegalArgumentException("a corrected release date needs two dates, not " + dates);
            }
        }
    }

    private final ObjectStore store;
    private final RecordCodec codec;
    private final FindPartitions partitions;
    private final int windowDays;

    public FindDateCorrections(ObjectStore store, RecordCodec codec) {
        this(store, codec, DEFAULT_WINDOW_DAYS);
    }

    public FindDateCorrections(ObjectStore store, RecordCodec codec, int windowDays) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.partitions = new FindPartitions(store);
        if (windowDays < 1) {
            throw new IllegalArgumentException("the window must be at least 1 day, was " + windowDays);
        }
        this.windowDays = windowDays;
    }

    /**
     * The ids of {@code subjects} that another partition of the same source, at most the window's days away, also
     * holds; ordered by source and id. A file that cannot be read is passed over: consolidation reports it.
     */
    public Either<StoreFailure, List<DateCorrection>> among(List<Partition> subjects) {
        Map<Source, TreeSet<LocalDate>> datesBySource = new TreeMap<>();
        subjects.forEach(p ->
                datesBySource.computeIfAbsent(p.source(), s -> new TreeSet<>()).add(p.releaseDate()));
        // By source, then in groups of dates no more than the window apart, so that a run over a long backlog holds
        // the ids of a few weeks at a time; an id found by two groups is merged.
        Map<Source, Map<String, TreeSet<LocalDate>>> found = new TreeMap<>();
        for (Map.Entry<Source, TreeSet<LocalDate>> entry : datesBySource.entrySet()) {
            for (TreeSet<LocalDate> group : groups(entry.getValue())) {
                Either<StoreFailure, Map<String, TreeSet<LocalDate>>> ofGroup = ofGroup(entry.getKey(), group);
                if (ofGroup.isLeft()) {
                    return Either.left(ofGroup.getLeft());
                }
                ofGroup.get()
                        .forEach((id, dates) -> found.computeIfAbsent(entry.getKey(), s -> new TreeMap<>())
                                .computeIfAbsent(id, k -> new TreeSet<>())
                                .addAll(dates));
            }
        }
        List<DateCorrection> corrections = new ArrayList<>();
        found.forEach((source, ids) -> ids.entrySet().stream()
                .map(e -> new DateCorrection(source, PressReleaseId.of(e.getKey()), List.copyOf(e.getValue())))
                .sorted(Comparator.comparing(DateCorrection::id))
                .forEach(corrections::add));
        return Either.right(List.copyOf(corrections));
    }

    private List<TreeSet<LocalDate>> groups(TreeSet<LocalDate> dates) {
        List<TreeSet<LocalDate>> groups = new ArrayList<>();
        for (LocalDate date : dates) {
            if (groups.isEmpty()
                    || ChronoUnit.DAYS.between(groups.get(groups.size() - 1).first(), date) > windowDays) {
                groups.add(new TreeSet<>());
            }
            groups.get(groups.size() - 1).add(date);
        }
        return groups;
    }

    /** The ids of the group's partitions stored under two or more dates, with those dates. */
    private Either<StoreFailure, Map<String, TreeSet<LocalDate>>> ofGroup(
            Source source, TreeSet<LocalDate> subjectDates) {
        LocalDate from = clamp(subjectDates.first().minusDays(windowDays));
        LocalDate to = clamp(subjectDates.last().plusDays(windowDays));
        Either<StoreFailure, Map<Partition, List<PartitionFile>>> listed =
                partitions.filesBetween(from, to, Option.of(Set.of(source)));
        if (listed.isLeft()) {
            return Either.left(listed.getLeft());
        }
        Map<Partition, List<PartitionFile>> subjectFiles = new TreeMap<>();
        Map<Partition, List<PartitionFile>> neighbourFiles = new TreeMap<>();
        listed.get().forEach((partition, files) -> {
            if (subjectDates.contains(partition.releaseDate())) {
                subjectFiles.put(partition, files);
            } else if (nearAny(partition.releaseDate(), subjectDates)) {
                neighbourFiles.put(partition, files);
            }
        });
        // Only the subjects' ids are kept, so memory is bounded by them, not by the neighbours.
        Map<String, TreeSet<LocalDate>> datesById = new HashMap<>();
        subjectFiles.forEach((partition, files) -> readIds(
                files, id -> datesById.computeIfAbsent(id, k -> new TreeSet<>()).add(partition.releaseDate())));
        neighbourFiles.forEach((partition, files) -> readIds(files, id -> {
            TreeSet<LocalDate> dates = datesById.get(id);
            if (dates != null) {
                dates.add(partition.releaseDate());
            }
        }));
        datesById.values().removeIf(dates -> dates.size() < 2);
        return Either.right(datesById);
    }

    private boolean nearAny(LocalDate date, TreeSet<LocalDate> subjectDates) {
        LocalDate before = subjectDates.floor(date);
        LocalDate after = subjectDates.ceiling(date);
        return (before != null && ChronoUnit.DAYS.between(before, date) <= windowDays)
                || (after != null && ChronoUnit.DAYS.between(date, after) <= windowDays);
    }

    /** Opened for ranged reads, so that a columnar codec fetches only the id and ingested_at columns' bytes. */
    private void readIds(List<PartitionFile> files, Consumer<String> ids) {
        for (PartitionFile file : files) {
            store.open(file.object().key(), ReadCondition.latest()).forEach(content -> {
                try (ObjectContent open = content) {
                    codec.decodeKeys(open, (id, ingestedAt) -> ids.accept(new String(id, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    // Closing a read-only content failed: nothing was lost, the ids read stand.
                }
            });
        }
    }

    private static LocalDate clamp(LocalDate date) {
        LocalDate first = LocalDate.of(1, 1, 1);
        LocalDate last = LocalDate.of(9999, 12, 31);
        return date.isBefore(first) ? first : date.isAfter(last) ? last : date;
    }
}
