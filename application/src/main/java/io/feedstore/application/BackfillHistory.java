package io.feedstore.application;

import io.feedstore.application.BackfillReport.DateReport;
import io.feedstore.application.BackfillReport.DateStatus;
import io.feedstore.application.BackfillReport.FileReport;
import io.feedstore.application.BackfillReport.FileStatus;
import io.feedstore.domain.backfill.MigrationEntry;
import io.feedstore.domain.backfill.Shard;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.SpillSpace;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Use case: retires the older pipeline's layouts. For each date, the rows of its flat folder are copied into
 * their own partitions as create-only batch files ({@link FlatCopies}), every partition that received rows or
 * holds one-row legacy files is consolidated as {@code consolidate} does (compare-and-swap, read-back
 * verification), each flat file's rows are checked against the verified consolidated files ({@link
 * MigratedRows}), the file is entered in the migration record, and only then deleted, at the generation read.
 *
 * <p>Why nothing is lost, killed at any moment: a copy's name is fixed by the set of flat files it copies, so a
 * re-run writes nothing new (or re-creates a copy already consolidated, whose rows deduplication removes); a
 * consolidation never loses a row; a flat file is deleted only after every row of it was found in a
 * consolidated file, and only if it still has the generation that was read. A date with a file that cannot be
 * decoded changes nothing; the other dates go on.
 */
public final class BackfillHistory {

    private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);
    private static final int MAX_DATES_AT_ONCE = 64;

    /**
     * What to backfill: the dates between {@code from} and {@code to} (each open when absent) of one shard, with
     * up to {@code parallel} files read or deleted at once and up to {@code datesAtOnce} dates in flight.
     */
    public record Request(
            Option<LocalDate> from,
            Option<LocalDate> to,
            Option<Set<Source>> sources,
            RunMode mode,
            Shard shard,
            String run,
            int parallel,
            int datesAtOnce) {

        /** With the dates in flight that {@link #datesFor} derives from {@code parallel}. */
        public Request(
                Option<LocalDate> from,
                Option<LocalDate> to,
                Option<Set<Source>> sources,
                RunMode mode,
                Shard shard,
                String run,
                int parallel) {
            this(from, to, sources, mode, shard, run, parallel, datesFor(parallel));
        }

        public Request {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(sources, "sources");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(shard, "shard");
            MigrationEntry.recordOf(Objects.requireNonNull(run, "run"));
            if (from.isDefined() && to.isDefined() && to.get().isBefore(from.get())) {
                throw new IllegalArgumentException(
                        "the date range " + from.get() + " to " + to.get() + " is empty: 'to' is before 'from'");
            }
            if (parallel < 1 || parallel > 1024) {
                throw new IllegalArgumentException("parallel must be from 1 to 1024, was " + parallel);
            }
            if (datesAtOnce < 1 || datesAtOnce > MAX_DATES_AT_ONCE) {
                throw new IllegalArgumentException(
                        "datesAtOnce must be from 1 to " + MAX_DATES_AT_ONCE + ", was " + datesAtOnce);
            }
        }

        /**
         * One date in flight per 16 files at once, from 1 to 8: a date's own round trips (listing, consolidation,
         * verification, record) are serial, so on a latency-bound store several dates keep the file workers busy;
         * {@code --parallel 1} stays strictly one request at a time.
         */
        public static int datesFor(int parallel) {
            return Math.max(1, Math.min(8, parallel / 16));
        }

        boolean covers(LocalDate date) {
            return !date.isBefore(from.getOrElse(FIRST)) && !date.isAfter(to.getOrElse(LAST)) && shard.owns(date);
        }

        boolean wants(Source source) {
            return sources.forAll(s -> s.contains(source));
        }
    }

    /** Told how the backfill goes, on its own thread: for a progress bar or log line. */
    public interface Progress {
        Progress NONE = new Progress() {};

        default void planned(int dates, long files, long bytes) {}

        default void fileRead(long bytes) {}

        default void dateDone(LocalDate date) {}
    }

    private final ObjectStore store;
    private final RecordCodec codec;
    private final SpillSpace spill;
    private final ConsolidatePartitions consolidation;

    public BackfillHistory(
            ObjectStore store, RecordCodec codec, SpillSpace spill, ConsolidatePartitions consolidation) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.spill = Objects.requireNonNull(spill, "spill");
        this.consolidation = Objects.requireNonNull(consolidation, "consolidation");
    }

    /**
     * Backfills every date of the request that has something to migrate: a flat folder, or a partition holding
     * one-row legacy files.
     *
     * @throws BackfillException when the store cannot be listed
     */
    public BackfillReport backfill(Request request, Progress progress) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        TreeMap<LocalDate, List<ObjectInfo>> flat = new TreeMap<>();
        new FindFlatFiles(store)
                .all()
                .getOrElseThrow(failure -> new BackfillException(
                        "could not list the flat folders of " + store.describe() + ": " + failure.message()))
                .forEach((folder, files) -> {
                    if (request.covers(folder.date())) {
                        flat.put(folder.date(), files);
                    }
                });
        TreeMap<LocalDate, List<Partition>> legacy = new TreeMap<>();
        new FindPartitions(store)
                .filesBetween(request.from().getOrElse(FIRST), request.to().getOrElse(LAST), request.sources())
                .getOrElseThrow(failure -> new BackfillException(
                        "could not list the partitions of " + store.describe() + ": " + failure.message()))
                .forEach((partition, files) -> {
                    if (request.covers(partition.releaseDate())
                            && files.stream().anyMatch(f -> f.kind() == PartitionFile.Kind.LEGACY)) {
                        legacy.computeIfAbsent(partition.releaseDate(), d -> new ArrayList<>())
                                .add(partition);
                    }
                });
        TreeSet<LocalDate> dates = new TreeSet<>(flat.keySet());
        dates.addAll(legacy.keySet());
        progress.planned(
                dates.size(),
                flat.values().stream().mapToLong(List::size).sum(),
                flat.values().stream()
                        .flatMap(List::stream)
                        .mapToLong(ObjectInfo::size)
                        .sum());

        ObjectKey record = MigrationEntry.recordOf(request.run());
        Progress told = new OneAtATime(progress);
        InFlight inFlight = new InFlight(new MigrationRecord(store));
        List<DateReport> reports = new ArrayList<>();
        // Two pools: a date's thread waits on the file workers, which never wait on a date.
        try (Workers workers = new Workers(request.parallel());
                Workers dateWorkers = new Workers(
                        Math.min(request.datesAtOnce(), Math.max(1, dates.size())), "feedstore-backfill-date")) {
            List<Callable<DateReport>> work = new ArrayList<>();
            for (LocalDate date : dates) {
                work.add(() -> {
                    DateReport report = safely(
                            date,
                            () -> backfillDate(
                                    date,
                                    flat.getOrDefault(date, List.of()),
                                    legacy.getOrDefault(date, List.of()),
                                    request,
                                    record,
                                    workers,
                                    inFlight,
                                    told));
                    told.dateDone(date);
                    return report;
                });
            }
            reports.addAll(dateWorkers.all(work));
        }
        return new BackfillReport(request.run(), request.shard(), request.mode(), record, reports);
    }

    private static DateReport safely(LocalDate date, Callable<DateReport> work) {
        try {
            return work.call();
        } catch (Exception e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return DateReport.failed(
                    date, List.of(), "unexpected error (" + what + "); no flat file of this date was deleted");
        }
    }

    private DateReport backfillDate(
            LocalDate date,
            List<ObjectInfo> files,
            List<Partition> legacy,
            Request request,
            ObjectKey record,
            Workers workers,
            InFlight inFlight,
            Progress progress) {
        FlatFolder folder = new FlatFolder(date);
        try (FlatCopies copies = new FlatCopies(store, codec, spill, request.mode() == RunMode.APPLY)) {
            List<FlatCopies.FileRead> read = copies.read(folder, files, request::wants, workers, progress);
            Option<FlatCopies.FileRead> unreadable = Option.ofOptional(read.stream()
                    .filter(f -> f.outcome() instanceof FlatFileRows.Unreadable)
                    .findFirst());
            if (unreadable.isDefined()) {
                FlatCopies.FileRead bad = unreadable.get();
                return DateReport.failed(
                        date,
                        fileReports(read, FileStatus.KEPT, "its date failed"),
                        "cannot read " + bad.file().key().value() + ": "
                                + ((FlatFileRows.Unreadable) bad.outcome()).reason()
                                + "; nothing of " + date + " was changed");
            }
            Set<Partition> affected = new TreeSet<>(copies.partitions());
            affected.addAll(legacy);
            if (request.mode() == RunMode.DRY_RUN) {
                List<PartitionReport> planned = new ArrayList<>();
                for (Partition p : affected) {
                    planned.add(consolidation.consolidate(p, RunMode.DRY_RUN));
                }
                return report(date, read, planned, copies, Map.of(), DateStatus.PLANNED, Option.none());
            }

            Either<String, Map<Partition, Long>> published = copies.publish(date, files);
            if (published.isLeft()) {
                return DateReport.failed(
                        date,
                        fileReports(read, FileStatus.KEPT, "its copy was not written"),
                        published.getLeft() + "; no flat file of " + date + " was deleted");
            }
            List<PartitionReport> consolidated = new ArrayList<>();
            Map<Partition, MigratedRows.Held> held = new HashMap<>();
            for (Partition p : affected) {
                // The consolidated file is read back under the same lock: another date in flight consolidating
                // this partition would replace the generation being read, and on GCS a ranged read of a replaced
                // generation fails, which would keep this date's files for no fault of theirs.
                consolidated.add(inFlight.partitions().exclusively(p, () -> {
                    PartitionReport report = consolidation.consolidate(p, RunMode.APPLY);
                    if (copies.partitions().contains(p)
                            && (report.status() == PartitionStatus.CONSOLIDATED
                                    || report.status() == PartitionStatus.UNCHANGED)) {
                        new MigratedRows(store, codec).held(p).forEach(h -> held.put(p, h));
                    }
                    return report;
                }));
            }
            Map<ObjectKey, String> kept = new LinkedHashMap<>();
            Map<ObjectKey, MigrationEntry> retiring = new LinkedHashMap<>();
            for (FlatCopies.FileRead file : read) {
                if (file.outcome() instanceof FlatFileRows.Vanished) {
                    continue; // another run retired it after verifying its rows
                }
                Either<String, MigrationEntry> entry = MigratedRows.entry(file, held);
                if (entry.isRight()) {
                    retiring.put(file.file().key(), entry.get());
                } else {
                    kept.put(file.file().key(), entry.getLeft());
                }
            }
            Either<String, Done> recorded = inFlight.record().append(record, List.copyOf(retiring.values()));
            Map<ObjectKey, String> deleted = new LinkedHashMap<>();
            if (recorded.isLeft()) {
                retiring.keySet().forEach(key -> kept.put(key, recorded.getLeft()));
            } else {
                deleted.putAll(delete(retiring.values(), workers));
            }
            Map<ObjectKey, String> outcome = new LinkedHashMap<>(kept);
            outcome.putAll(deleted);
            boolean failed = consolidated.stream().anyMatch(p -> p.status().isFailure())
                    || outcome.values().stream().anyMatch(reason -> reason != null && !keptByRule(reason));
            boolean unplaceable = read.stream().anyMatch(f -> f.unplaceable() > 0);
            DateStatus status =
                    failed ? DateStatus.FAILED : unplaceable ? DateStatus.KEPT_UNPLACEABLE : DateStatus.MIGRATED;
            return report(
                    date,
                    read,
                    consolidated,
                    copies,
                    outcome,
                    status,
                    failed ? Option.of("some flat files were kept: see the files' details") : Option.none());
        }
    }

    /**
     * What the dates in flight share: a partition is consolidated and read back by one date at a time (a date's
     * rows can land in another date's partitions; two consolidations of one partition would only make one of them
     * lose its compare-and-swap, and one replacing the file another is reading back cuts that read off on GCS),
     * and the migration record is appended to one date at a time.
     */
    private record InFlight(MigrationRecord record, PartitionLocks partitions) {
        InFlight(MigrationRecord record) {
            this(record, new PartitionLocks());
        }
    }

    /** Hands the progress calls of the dates in flight on one at a time. */
    private record OneAtATime(Progress progress) implements Progress {
        @Override
        public synchronized void planned(int dates, long files, long bytes) {
            progress.planned(dates, files, bytes);
        }

        @Override
        public synchronized void fileRead(long bytes) {
            progress.fileRead(bytes);
        }

        @Override
        public synchronized void dateDone(LocalDate date) {
            progress.dateDone(date);
        }
    }

    private static boolean isUnplaceable(String reason) {
        return reason.startsWith(MigratedRows.UNPLACEABLE);
    }

    /** A file kept as the rules say (unplaceable rows, sources not asked for), not for a failure. */
    private static boolean keptByRule(String reason) {
        return isUnplaceable(reason) || reason.startsWith(MigratedRows.OTHER_SOURCES);
    }

    /** Deletes each file at the generation read; a file already gone counts as deleted (another run retired it). */
    private Map<ObjectKey, String> delete(Collection<MigrationEntry> entries, Workers workers) {
        List<Callable<Either<StoreFailure, Done>>> tasks = new ArrayList<>();
        List<ObjectKey> keys = new ArrayList<>();
        for (MigrationEntry entry : entries) {
            keys.add(entry.file());
            tasks.add(() -> store.deleteIfUnchanged(entry.file(), entry.generation()));
        }
        List<Either<StoreFailure, Done>> results = workers.all(tasks);
        Map<ObjectKey, String> outcome = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Either<StoreFailure, Done> result = results.get(i);
            outcome.put(
                    keys.get(i),
                    result.isRight() || result.getLeft() instanceof StoreFailure.NotFound
                            ? null
                            : result.getLeft() instanceof StoreFailure.PreconditionFailed
                                    ? "it changed after it was read; the next run migrates the new version"
                                    : "could not delete it: " + result.getLeft().message());
        }
        return outcome;
    }

    private static DateReport report(
            LocalDate date,
            List<FlatCopies.FileRead> read,
            List<PartitionReport> partitions,
            FlatCopies copies,
            Map<ObjectKey, String> outcome,
            DateStatus status,
            Option<String> detail) {
        List<FileReport> files = new ArrayList<>();
        Map<Partition, Long> filesFed = new HashMap<>();
        Map<Partition, Long> bytesFed = new HashMap<>();
        for (FlatCopies.FileRead file : read) {
            FileStatus fileStatus;
            Option<String> why;
            if (status == DateStatus.PLANNED) {
                fileStatus = file.unplaceable() > 0 ? FileStatus.UNPLACEABLE : FileStatus.PLANNED;
                why = file.unplaceable() > 0 ? Option.of(file.describeUnplaceable()) : Option.none();
            } else {
                String reason = outcome.get(file.file().key());
                fileStatus = reason == null
                        ? FileStatus.RETIRED
                        : isUnplaceable(reason) ? FileStatus.UNPLACEABLE : FileStatus.KEPT;
                why = Option.of(reason);
            }
            files.add(new FileReport(
                    file.file().key(), file.file().size(), file.rows().size(), file.unplaceable(), fileStatus, why));
            file.mainPartition().forEach(p -> {
                filesFed.merge(p, 1L, Long::sum);
                bytesFed.merge(p, file.file().size(), Long::sum);
            });
        }
        return new DateReport(date, status, files, partitions, filesFed, bytesFed, copies.bytesWritten(), detail);
    }

    private static List<FileReport> fileReports(List<FlatCopies.FileRead> read, FileStatus status, String why) {
        return read.stream()
                .map(f -> new FileReport(
                        f.file().key(),
                        f.file().size(),
                        f.rows().size(),
                        f.unplaceable(),
                        f.outcome() instanceof FlatFileRows.Unreadable u ? FileStatus.UNREADABLE : status,
                        Option.of(f.outcome() instanceof FlatFileRows.Unreadable u ? u.reason() : why)))
                .toList();
    }

    /**
     * Reads are made at the generation listed, so that what is deleted is exactly what was read; with the size
     * listed, a store reads a small file whole in one request.
     */
    static ReadCondition at(ObjectInfo file) {
        return ReadCondition.listed(file);
    }
}
