package io.feedstore.application;

import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawPart;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bronze items with {@code dt} in a range, found by listing: per source and date when the sources are given
 * (a listing of exactly those folders), else one listing of the whole archive. Keys that are not bronze parts are
 * not items and are left out.
 */
final class BronzeItems {

    private BronzeItems() {}

    /** The items found, each with the parts it has, in key order. */
    static Either<StoreFailure, Map<RawItem, Set<RawPart>>> between(
            ObjectStore store, LocalDate from, LocalDate to, Option<Set<Source>> sources) {
        Map<RawItem, Set<RawPart>> items = new TreeMap<>(BronzeItems::compare);
        if (sources.isEmpty()) {
            Either<StoreFailure, List<ObjectInfo>> all = store.list(RawItem.ROOT);
            if (all.isLeft()) {
                return Either.left(all.getLeft());
            }
            collect(all.get(), from, to, items);
            return Either.right(items);
        }
        for (Source source : sources.get()) {
            for (LocalDate dt = from; !dt.isAfter(to); dt = dt.plusDays(1)) {
                KeyPrefix folder = RawItem.ROOT.child("source=" + source).child("dt=" + dt);
                Either<StoreFailure, List<ObjectInfo>> listed = store.list(folder);
                if (listed.isLeft()) {
                    return Either.left(listed.getLeft());
                }
                collect(listed.get(), from, to, items);
            }
        }
        return Either.right(items);
    }

    private static void collect(
            List<ObjectInfo> listed, LocalDate from, LocalDate to, Map<RawItem, Set<RawPart>> items) {
        for (ObjectInfo info : listed) {
            RawItem.locate(info.key()).forEach(located -> {
                LocalDate dt = located.item().dt();
                if (!dt.isBefore(from) && !dt.isAfter(to)) {
                    items.computeIfAbsent(located.item(), i -> EnumSet.noneOf(RawPart.class))
                            .add(located.part());
                }
            });
        }
    }

    static int compare(RawItem a, RawItem b) {
        int byPrefix = a.prefix().value().compareTo(b.prefix().value());
        return byPrefix != 0 ? byPrefix : a.kind().compareTo(b.kind());
    }
}
