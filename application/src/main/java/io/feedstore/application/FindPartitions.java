package io.feedstore.application;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Use case: which partitions the store holds, from one listing of the table, in date-then-source order. */
public final class FindPartitions {

    private final ObjectStore store;

    public FindPartitions(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Every partition holding at least one data file. */
    public Either<StoreFailure, List<Partition>> all() {
        return files().map(byPartition -> List.copyOf(byPartition.keySet()));
    }

    /**
     * Partitions dated strictly before {@code before} that hold anything but a consolidated file: yesterday's
     * batches and any late arrivals for older dates.
     */
    public Either<StoreFailure, List<Partition>> needingConsolidation(LocalDate before) {
        Objects.requireNonNull(before, "before");
        return files().map(byPartition -> select(
                byPartition,
                p -> p.releaseDate().isBefore(before)
                        && byPartition.get(p).stream().anyMatch(f -> f.kind() != PartitionFile.Kind.CONSOLIDATED)));
    }

    /**
     * The partitions of one date: with sources, exactly those sources' partitions for that date (whether or not
     * they hold anything yet); without, every partition of that date the store holds.
     */
    public Either<StoreFailure, List<Partition>> on(LocalDate date, Option<Set<Source>> sources) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(sources, "sources");
        if (sources.isDefined()) {
            return Either.right(sources.get().stream()
                    .map(s -> new Partition(s, date))
                    .sorted()
                    .toList());
        }
        return files().map(
                        byPartition -> select(byPartition, p -> p.releaseDate().equals(date)));
    }

    /** Partitions holding data dated {@code from} to {@code to} inclusive, of the given sources or of all. */
    public Either<StoreFailure, List<Partition>> between(LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        return filesBetween(from, to, sources).map(byPartition -> List.copyOf(byPartition.keySet()));
    }

    /**
     * The data files of every partition dated {@code from} to {@code to} inclusive, from one listing per named
     * source (or one of the whole table), by partition in date-then-source order.
     */
    Either<StoreFailure, Map<Partition, List<PartitionFile>>> filesBetween(
            LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sources, "sources");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "the date range " + from + " to " + to + " is empty: 'to' is before 'from'");
        }
        Predicate<Partition> inRange =
                p -> !p.releaseDate().isBefore(from) && !p.releaseDate().isAfter(to);
        if (sources.isEmpty()) {
            return files().map(byPartition -> restrict(byPartition, inRange));
        }
        Map<Partition, List<PartitionFile>> result = new TreeMap<>();
        for (Source source : sources.get()) {
            Either<StoreFailure, Map<Partition, List<PartitionFile>>> listed =
                    files(StoreLayout.TABLE.child("source=" + source.value()));
            if (listed.isLeft()) {
                return Either.left(listed.getLeft());
            }
            result.putAll(restrict(listed.get(), inRange));
        }
        return Either.right(result);
    }

    private Either<StoreFailure, Map<Partition, List<PartitionFile>>> files() {
        return files(StoreLayout.TABLE);
    }

    /** The data files directly inside each partition under {@code prefix}. */
    private Either<StoreFailure, Map<Partition, List<PartitionFile>>> files(KeyPrefix prefix) {
        return store.list(prefix).map(listing -> {
            Map<Partition, List<PartitionFile>> byPartition = new TreeMap<>();
            for (ObjectInfo object : listing) {
                PartitionFile file = PartitionFile.classify(object);
                if (file.isData()) {
                    Partition.containing(object.key())
                            .forEach(p -> byPartition
                                    .computeIfAbsent(p, k -> new ArrayList<>())
                                    .add(file));
                }
            }
            return byPartition;
        });
    }

    private static List<Partition> select(Map<Partition, List<PartitionFile>> byPartition, Predicate<Partition> which) {
        return byPartition.keySet().stream().filter(which).toList();
    }

    private static Map<Partition, List<PartitionFile>> restrict(
            Map<Partition, List<PartitionFile>> byPartition, Predicate<Partition> which) {
        Map<Partition, List<PartitionFile>> kept = new TreeMap<>();
        byPartition.forEach((p, files) -> {
            if (which.test(p)) {
                kept.put(p, List.copyOf(files));
            }
        });
        return kept;
    }
}
