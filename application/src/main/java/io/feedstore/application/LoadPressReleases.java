package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Use case: every press release of a date range once, in its newest version (the rule consolidation uses), read
 * from batch, legacy and consolidated files alike, so the answer is the same before and after consolidation.
 *
 * <p>Safe while a consolidation runs: a file deleted between listing and reading makes the loader read that
 * whole partition again from a fresh listing.
 *
 * <p>A file that cannot be read or decoded leaves its partition out of the answer, and every other partition is
 * still returned ({@link #loadReadable}). Rows whose own source or release date is not their partition's are never
 * returned: a query for one source and day answers with that source and day only.
 *
 * <p>Each id is answered in its newest version <em>among the partitions of the range</em>: an id whose release date
 * was corrected keeps its older version in the old date's partition, so a range that holds only the old date
 * returns that older version. Finding the newer version would mean reading every date of the source, whatever the
 * range asked.
 */
public final class LoadPressReleases {

    public static final int DEFAULT_ATTEMPTS = 5;
    private static final Duration DEFAULT_BACKOFF = Duration.ofMillis(50);
    /** How many bytes of listed files are read in one bulk call before they are decoded. */
    static final long READ_TOGETHER_BYTES = 64L << 20;

    /** The order of the result: release date, source, id. */
    public static final Comparator<PressRelease> ORDER = Comparator.comparing(PressRelease::releaseDate)
            .thenComparing(PressRelease::source)
            .thenComparing(PressRelease::id);

    private final ObjectStore store;
    private final RecordCodec codec;
    private final FindPartitions partitions;
    private final FindFlatFiles flatFiles;
    private final int attempts;
    private final Duration backoff;
    private final int threads;

    public LoadPressReleases(ObjectStore store, RecordCodec codec) {
        this(store, codec, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /** {@code attempts} readings of a partition that keeps changing before giving up, {@code backoff} apart (doubling). */
    public LoadPressReleases(ObjectStore store, RecordCodec codec, int attempts, Duration backoff) {
        this(store, codec, attempts, backoff, defaultThreads());
    }

    /** As above, decoding up to {@code threads} partitions at once. */
    public LoadPressReleases(ObjectStore store, RecordCodec codec, int attempts, Duration backoff, int threads) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.partitions = new FindPartitions(store);
        this.flatFiles = new FindFlatFiles(store);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    /** The machine's cores, up to 4: decoding is CPU-bound, and each thread holds a partition's rows at once. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The press releases released {@code from} to {@code to} inclusive, of the given sources or of all, each id
     * once, all or nothing. An id stored in two partitions of the range (its release date was corrected) also
     * appears once, in its newest version among them.
     *
     * @throws LoadException when the store fails, a file cannot be read or decoded, or a partition keeps changing
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public List<PressRelease> load(LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        Loaded loaded = loadReadable(from, to, sources);
        if (!loaded.isComplete()) {
            List<String> problems = loaded.problems();
            throw new LoadException(
                    problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        return loaded.releases();
    }

    /**
     * As {@link #load}, but a file that cannot be read or decoded does not fail the load: its partition is left
     * out and the file reported, and every other partition is returned.
     *
     * @throws LoadException when the partitions cannot be listed, or a partition keeps changing
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public Loaded loadReadable(LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        Objects.requireNonNull(sources, "sources");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "the date range " + from + " to " + to + " is empty: 'to' is before 'from'");
        }
        // The flat folders are read before the partitions are listed: a flat file that a backfill retires after
        // this read had its rows verified in a consolidated file first, which the listing below then sees.
        FlatRows flat = readFlat(from, to, sources);
        Map<Partition, List<PartitionFile>> listed = partitions
                .filesBetween(from, to, sources)
                .getOrElseThrow(failure -> new LoadException(
                        "could not list the partitions of " + store.describe() + ": " + failure.message()));
        // Each partition's newest versions, sorted by id, in partition order (date, then source): concatenated,
        // they are already in ORDER.
        Map<Partition, List<PressRelease>> newest = new TreeMap<>();
        List<Loaded.Unreadable> unreadable = new ArrayList<>();
        List<Loaded.Misplaced> misplaced = new ArrayList<>();
        try (Workers workers = new Workers(threads, "feedstore-load")) {
            for (List<Partition> group : readTogether(listed)) {
                // One bulk read for the whole group: a store with bounded concurrency (GCS) keeps its requests in
                // flight across partitions, not one partition's worth at a time.
                Map<ObjectKey, Either<StoreFailure, StoredObject>> contents = BulkCalls.readAll(
                        store,
                        group.stream()
                                .flatMap(p -> listed.get(p).stream())
                                .map(f -> f.object().key())
                                .toList());
                // Decoding is CPU-bound: the group's partitions are decoded on every core.
                List<Callable<PartitionRows>> reads = new ArrayList<>(group.size());
                for (Partition partition : group) {
                    List<PressRelease> flatRows = flat.rows().getOrDefault(partition, List.of());
                    reads.add(() -> readPartition(partition, listed.get(partition), contents, flatRows));
                }
                List<PartitionRows> read = workers.all(reads);
                for (int i = 0; i < group.size(); i++) {
                    PartitionRows rows = read.get(i);
                    misplaced.addAll(rows.misplaced());
                    if (rows.unreadable().isEmpty()) {
                        newest.put(group.get(i), rows.newest());
                    } else {
                        unreadable.addAll(rows.unreadable());
                    }
                }
            }
        }
        flat.rows().forEach((partition, ofPartition) -> {
            if (!listed.containsKey(partition)) {
                newest.put(partition, Deduplication.newestPerId(ofPartition).records());
            }
        });
        return new Loaded(
                newestAcrossPartitions(newest.values()), unreadable, misplaced, flat.unreadable(), flat.unplaceable());
    }

    /**
     * The rows of every partition, each id once: an id in several partitions (its release date was corrected)
     * keeps only its newest version, as {@link Deduplication#newestPerId} would pick it from all the rows at once.
     * The rows keep their order, so partitions in date-then-source order, each sorted by id, come out in
     * {@link #ORDER} without sorting them again.
     */
    private static List<PressRelease> newestAcrossPartitions(Collection<List<PressRelease>> partitions) {
        int total = 0;
        for (List<PressRelease> rows : partitions) {
            total += rows.size();
        }
        Map<PressReleaseId, PressRelease> winners = new HashMap<>(total + total / 3 + 1);
        boolean inSeveral = false;
        for (List<PressRelease> rows : partitions) {
            for (PressRelease row : rows) {
                PressRelease other = winners.putIfAbsent(row.id(), row);
                if (other != null) {
                    inSeveral = true;
                    winners.put(row.id(), Deduplication.newer(other, row));
                }
            }
        }
        List<PressRelease> result = new ArrayList<>(winners.size());
        for (List<PressRelease> rows : partitions) {
            for (PressRelease row : rows) {
                // Rows of different partitions differ in date or source, so only the winner itself is the winner.
                if (!inSeveral || winners.get(row.id()) == row) {
                    result.add(row);
                }
            }
        }
        return result;
    }

    /** The rows of the flat folders placed in the partitions of the range, and the files that spoiled some. */
    private record FlatRows(
            Map<Partition, List<PressRelease>> rows,
            List<Loaded.UnreadableFlatFile> unreadable,
            List<Loaded.Unplaceable> unplaceable) {}

    /**
     * The flat-folder rows of the range. A row may differ from its folder's date (a corrected release date), so
     * folders up to {@link FindDateCorrections#DEFAULT_WINDOW_DAYS} days either side are read too: the same
     * window the date corrections are searched in, which bounds the cost by the range, not by the history. A row
     * further from its folder than that is found by a load whose range holds the folder's date, and by the backfill.
     */
    private FlatRows readFlat(LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        int window = FindDateCorrections.DEFAULT_WINDOW_DAYS;
        Map<FlatFolder, List<ObjectInfo>> folders = flatFiles
                .between(clamp(from.minusDays(window)), clamp(to.plusDays(window)))
                .getOrElseThrow(failure -> new LoadException(
                        "could not list the flat folders of " + store.describe() + ": " + failure.message()));
        Map<Partition, List<PressRelease>> rows = new TreeMap<>();
        List<Loaded.UnreadableFlatFile> unreadable = new ArrayList<>();
        List<Loaded.Unplaceable> unplaceable = new ArrayList<>();
        folders.forEach((folder, files) -> {
            Map<ObjectKey, Either<StoreFailure, ObjectContent>> opened =
                    BulkCalls.openAll(store, files.stream().map(ObjectInfo::key).toList());
            for (ObjectInfo file : files) {
                List<PressRelease> placed = new ArrayList<>();
                FlatFileRows.Outcome outcome =
                        FlatFileRows.read(codec, folder, opened.get(file.key()), store.describe(), placed::add);
                if (outcome instanceof FlatFileRows.Unreadable bad) {
                    unreadable.add(new Loaded.UnreadableFlatFile(file.key(), bad.reason()));
                    continue;
                }
                if (outcome instanceof FlatFileRows.Read read && read.unplaceable() > 0) {
                    unplaceable.add(new Loaded.Unplaceable(file.key(), read.unplaceable(), read.why()));
                }
                for (PressRelease row : placed) {
                    boolean inRange = !row.releaseDate().isBefore(from)
                            && !row.releaseDate().isAfter(to);
                    if (inRange && sources.map(s -> s.contains(row.source())).getOrElse(true)) {
                        rows.computeIfAbsent(row.partition(), p -> new ArrayList<>())
                                .add(row);
                    }
                }
            }
        });
        return new FlatRows(rows, unreadable, unplaceable);
    }

    private static LocalDate clamp(LocalDate date) {
        LocalDate first = LocalDate.of(1, 1, 1);
        LocalDate last = LocalDate.of(9999, 12, 31);
        return date.isBefore(first) ? first : date.isAfter(last) ? last : date;
    }

    /**
     * One partition as read: the newest version of each id among its files and flat-folder rows, sorted by id
     * (none when a file could not be read), the files that could not be read, and those that held other rows.
     */
    private record PartitionRows(
            List<PressRelease> newest, List<Loaded.Unreadable> unreadable, List<Loaded.Misplaced> misplaced) {}

    /**
     * All rows of one partition. When a listed file has vanished, a consolidation has moved its rows into
     * {@code consolidated.parquet} - possibly into a newer version than the one already read here, so re-reading
     * just the missing file (or only new files) could miss them. Only a fresh listing read as a whole is
     * consistent: a file deleted before that listing has its rows in every consolidated version listed after.
     */
    private PartitionRows readPartition(
            Partition partition,
            List<PartitionFile> files,
            Map<ObjectKey, Either<StoreFailure, StoredObject>> read,
            List<PressRelease> flatRows) {
        List<PartitionFile> current = files;
        Map<ObjectKey, Either<StoreFailure, StoredObject>> contents = read;
        for (int attempt = 1; ; attempt++) {
            Either<ObjectKey, PartitionRows> rows = decodeAll(partition, current, contents, flatRows);
            if (rows.isRight()) {
                return rows.get();
            }
            if (attempt >= attempts) {
                throw new LoadException("partition " + partition + " kept changing while it was read: "
                        + rows.getLeft() + " vanished after listing, " + attempts + " times in a row;"
                        + " try again once the running consolidation is done");
            }
            pause(attempt);
            current = relist(partition);
            contents = BulkCalls.readAll(
                    store, current.stream().map(f -> f.object().key()).toList());
        }
    }

    /**
     * The partitions in listing order, in groups whose files add up to about {@link #READ_TOGETHER_BYTES}: enough
     * keys at once to keep a latency-bound store busy (a month of one-row legacy files is one group), while the
     * raw content held before decoding stays bounded whatever the range.
     */
    private static List<List<Partition>> readTogether(Map<Partition, List<PartitionFile>> listed) {
        List<List<Partition>> groups = new ArrayList<>();
        List<Partition> group = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<Partition, List<PartitionFile>> entry : listed.entrySet()) {
            long size =
                    entry.getValue().stream().mapToLong(f -> f.object().size()).sum();
            if (!group.isEmpty() && bytes + size > READ_TOGETHER_BYTES) {
                groups.add(group);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(entry.getKey());
            bytes += size;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /**
     * The newest version of each id among every file's rows that belong to the partition and its flat-folder
     * rows, with the files that could not be read or decoded and those that held rows of another partition; or
     * the key of a file that no longer exists.
     */
    private Either<ObjectKey, PartitionRows> decodeAll(
            Partition partition,
            List<PartitionFile> files,
            Map<ObjectKey, Either<StoreFailure, StoredObject>> contents,
            List<PressRelease> flatRows) {
        List<PressRelease> rows = new ArrayList<>(flatRows);
        List<Loaded.Unreadable> unreadable = new ArrayList<>();
        List<Loaded.Misplaced> misplaced = new ArrayList<>();
        for (PartitionFile file : files) {
            ObjectKey key = file.object().key();
            Either<StoreFailure, StoredObject> stored = contents.get(key);
            if (stored.isLeft()) {
                if (stored.getLeft() instanceof StoreFailure.NotFound) {
                    return Either.left(key);
                }
                unreadable.add(new Loaded.Unreadable(
                        partition,
                        key,
                        "could not read it from " + store.describe() + ": "
                                + stored.getLeft().message()));
                continue;
            }
            Either<DecodeFailure, List<PressRelease>> decoded =
                    codec.decode(stored.get().content());
            if (decoded.isLeft()) {
                unreadable.add(new Loaded.Unreadable(
                        partition, key, "cannot decode it: " + decoded.getLeft().reason()));
                continue;
            }
            long elsewhere = 0;
            for (PressRelease row : decoded.get()) {
                if (row.partition().equals(partition)) {
                    rows.add(row);
                } else {
                    elsewhere++;
                }
            }
            if (elsewhere > 0) {
                misplaced.add(new Loaded.Misplaced(partition, key, elsewhere));
            }
        }
        List<PressRelease> newest =
                unreadable.isEmpty() ? Deduplication.newestPerId(rows).records() : List.of();
        return Either.right(new PartitionRows(newest, unreadable, misplaced));
    }

    private List<PartitionFile> relist(Partition partition) {
        Either<StoreFailure, List<ObjectInfo>> listing = store.list(partition.prefix());
        if (listing.isLeft()) {
            throw new LoadException("could not list partition " + partition + ": "
                    + listing.getLeft().message());
        }
        return ConsolidationPlan.of(partition, listing.get()).inputs();
    }

    private void pause(int attempt) {
        long millis = backoff.toMillis() << Math.min(attempt - 1, 10);
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted while waiting to read a changing partition again", e);
        }
    }
}
