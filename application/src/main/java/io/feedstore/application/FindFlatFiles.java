package io.feedstore.application;

import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Use case: the Parquet files of the older pipeline's flat folders ({@code release_date=D/} with no {@code source=}
 * level), by folder in date order. A short range lists its folders one by one; a long one lists the table once.
 */
public final class FindFlatFiles {

    /** Up to this many days, each folder is listed on its own rather than the whole table. */
    private static final long FOLDER_LISTINGS = 62;

    private final ObjectStore store;

    public FindFlatFiles(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Every flat folder holding a Parquet file, from one listing of the table. */
    public Either<StoreFailure, Map<FlatFolder, List<ObjectInfo>>> all() {
        return listed(StoreLayout.TABLE);
    }

    /** The flat folders dated {@code from} to {@code to} inclusive that hold a Parquet file. */
    public Either<StoreFailure, Map<FlatFolder, List<ObjectInfo>>> between(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            return Either.right(new TreeMap<>());
        }
        if (ChronoUnit.DAYS.between(from, to) >= FOLDER_LISTINGS) {
            return all().map(folders -> {
                Map<FlatFolder, List<ObjectInfo>> kept = new TreeMap<>();
                folders.forEach((folder, files) -> {
                    if (!folder.date().isBefore(from) && !folder.date().isAfter(to)) {
                        kept.put(folder, files);
                    }
                });
                return kept;
            });
        }
        Map<FlatFolder, List<ObjectInfo>> result = new TreeMap<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            Either<StoreFailure, Map<FlatFolder, List<ObjectInfo>>> one = listed(new FlatFolder(date).prefix());
            if (one.isLeft()) {
                return one;
            }
            result.putAll(one.get());
        }
        return Either.right(result);
    }

    private Either<StoreFailure, Map<FlatFolder, List<ObjectInfo>>> listed(KeyPrefix prefix) {
        return store.list(prefix).map(listing -> {
            Map<FlatFolder, List<ObjectInfo>> byFolder = new TreeMap<>();
            for (ObjectInfo object : listing) {
                if (FlatFolder.isFlatDataFile(object.key())) {
                    FlatFolder.containing(object.key())
                            .forEach(folder -> byFolder.computeIfAbsent(folder, f -> new ArrayList<>())
                                    .add(object));
                }
            }
            byFolder.replaceAll((folder, files) -> List.copyOf(files));
            return byFolder;
        });
    }
}
