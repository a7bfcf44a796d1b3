package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.BulkCalls;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Use case: every press release of a date range once, in its newest version (the rule consolidation uses), read
 * from batch, legacy and consolidated files alike, so the answer is the same before and after consolidation.
 *
 * <p>Safe while a consolidation runs: a file deleted between listing and reading makes the loader read that
 * whole partition again from a fresh listing.
 */
public final class LoadPressReleases {

    public static final int DEFAULT_ATTEMPTS = 5;
    private static final Duration DEFAULT_BACKOFF = Duration.ofMillis(50);

    /** The order of the result: release date, source, id. */
    public static final Comparator<PressRelease> ORDER = Comparator.comparing(PressRelease::releaseDate)
            .thenComparing(PressRelease::source)
            .thenComparing(PressRelease::id);

    private final ObjectStore store;
    private final RecordCodec codec;
    private final FindPartitions partitions;
    private final int attempts;
    private final Duration backoff;

    public LoadPressReleases(ObjectStore store, RecordCodec codec) {
        this(store, codec, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /** {@code attempts} readings of a partition that keeps changing before giving up, {@code backoff} apart (doubling). */
    public LoadPressReleases(ObjectStore store, RecordCodec codec, int attempts, Duration backoff) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.partitions = new FindPartitions(store);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * The press releases released {@code from} to {@code to} inclusive, of the given sources or of all, each id
     * once. An id stored in two partitions (its release date was corrected) also appears once, in its newest
     * version among the partitions read.
     *
     * @throws LoadException when the store fails, a file cannot be decoded, or a partition keeps changing
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public List<PressRelease> load(LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        Map<Partition, List<PartitionFile>> listed = partitions.filesBetween(from, to, sources)
                .getOrElseThrow(failure -> new LoadException("could not list the partitions of " + store.describe()
                        + ": " + failure.message()));
        List<PressRelease> rows = new ArrayList<>();
        listed.forEach((partition, files) ->
                rows.addAll(Deduplication.newestPerId(readPartition(partition, files)).records()));
        List<PressRelease> newest = new ArrayList<>(Deduplication.newestPerId(rows).records());
        newest.sort(ORDER);
        return List.copyOf(newest);
    }

    /**
     * All rows of one partition. When a listed file has vanished, a consolidation has moved its rows into
     * {@code consolidated.parquet} - possibly into a newer version than the one already read here, so re-reading
     * just the missing file (or only new files) could miss them. Only a fresh listing read as a whole is
     * consistent: a file deleted before that listing has its rows in every consolidated version listed after.
     */
    private List<PressRelease> readPartition(Partition partition, List<PartitionFile> files) {
        List<PartitionFile> current = files;
        for (int attempt = 1; ; attempt++) {
            Either<ObjectKey, List<PressRelease>> rows = readAll(current);
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
        }
    }

    /** Every file's rows, or the key of a file that no longer exists. */
    private Either<ObjectKey, List<PressRelease>> readAll(List<PartitionFile> files) {
        List<PressRelease> rows = new ArrayList<>();
        Map<ObjectKey, Either<StoreFailure, StoredObject>> contents =
                BulkCalls.readAll(store, files.stream().map(f -> f.object().key()).toList());
        for (PartitionFile file : files) {
            ObjectKey key = file.object().key();
            Either<StoreFailure, StoredObject> stored = contents.get(key);
            if (stored.isLeft()) {
                if (stored.getLeft() instanceof StoreFailure.NotFound) {
                    return Either.left(key);
                }
                throw new LoadException("could not read " + key + ": " + stored.getLeft().message());
            }
            Either<DecodeFailure, List<PressRelease>> decoded = codec.decode(stored.get().content());
            if (decoded.isLeft()) {
                throw new LoadException("cannot decode " + key + " in " + store.describe() + ": "
                        + decoded.getLeft().reason());
            }
            rows.addAll(decoded.get());
        }
        return Either.right(rows);
    }

    private List<PartitionFile> relist(Partition partition) {
        Either<StoreFailure, List<ObjectInfo>> listing = store.list(partition.prefix());
        if (listing.isLeft()) {
            throw new LoadException("could not list partition " + partition + ": " + listing.getLeft().message());
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
