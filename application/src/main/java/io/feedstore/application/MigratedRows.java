package io.feedstore.application;

import io.feedstore.domain.backfill.MigrationEntry;
import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.RowDigest;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The backfill's check before a flat file may go: every row of it is held by its partition's consolidated file,
 * as read back from the store, in the same content (same digest) or in a newer version of its id.
 */
final class MigratedRows {

    /** How the reason for keeping a file with unplaceable rows begins. */
    static final String UNPLACEABLE = "holds rows that cannot be placed";

    /** How the reason for keeping a file that holds rows of sources the run was not asked for begins. */
    static final String OTHER_SOURCES = "holds rows of sources this run was not asked for";

    /** A partition's consolidated file at the generation read: each id's digest and what orders its versions. */
    record Held(ObjectKey key, Generation generation, Map<PressReleaseId, HeldRow> rows) {}

    record HeldRow(RowDigest digest, long ingestedAtKey, Integer parserVersion) {}

    private final ObjectStore store;
    private final RecordCodec codec;

    MigratedRows(ObjectStore store, RecordCodec codec) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The partition's consolidated file as stored now, or nothing when it cannot be read. */
    Option<Held> held(Partition partition) {
        ObjectKey key = partition.consolidatedKey();
        Either<StoreFailure, ObjectContent> opened = store.open(key, ReadCondition.latest());
        if (opened.isLeft()) {
            return Option.none();
        }
        Map<PressReleaseId, HeldRow> rows = new HashMap<>();
        Either<DecodeFailure, Long> decoded;
        Generation generation;
        try (ObjectContent content = opened.get()) {
            generation = content.generation();
            decoded = codec.decodeMapped(
                    content,
                    r -> Map.entry(
                            r.id(),
                            new HeldRow(
                                    RowDigest.of(r),
                                    r.ingestedAtKey(),
                                    r.parserVersion().getOrNull())),
                    e -> rows.put(e.getKey(), e.getValue()));
        } catch (IOException e) {
            return Option.none();
        }
        return decoded.isRight() ? Option.some(new Held(key, generation, rows)) : Option.none();
    }

    /** The file's migration entry, or why it must be kept. */
    static Either<String, MigrationEntry> entry(FlatCopies.FileRead file, Map<Partition, Held> held) {
        if (file.unplaceable() > 0) {
            return Either.left(UNPLACEABLE + ": " + file.describeUnplaceable() + "; it is never deleted");
        }
        if (file.otherSources() > 0) {
            return Either.left(OTHER_SOURCES + " (" + file.otherSources() + "); a run without --sources retires it");
        }
        List<MigrationEntry.Row> rows = new ArrayList<>();
        Set<MigrationEntry.Holder> holders = new LinkedHashSet<>();
        for (FlatCopies.RowKey row : file.rows()) {
            Held h = held.get(row.partition());
            if (h == null) {
                return Either.left("partition " + row.partition() + " was not consolidated and verified");
            }
            HeldRow found = h.rows().get(row.id());
            if (found == null || !(found.digest().equals(row.digest()) || newer(found, row))) {
                return Either.left("row " + row.id().value() + " is not in "
                        + h.key().value() + " (generation " + h.generation() + ") in this or a newer version");
            }
            rows.add(new MigrationEntry.Row(row.id(), row.digest()));
            holders.add(new MigrationEntry.Holder(h.key(), h.generation()));
        }
        return Either.right(
                new MigrationEntry(file.file().key(), file.file().generation(), rows, List.copyOf(holders)));
    }

    /**
     * Whether the held version is not older than the row by {@code ingested_at}, then {@code parser_version}. At an
     * equal pair with other content the held one won the canonical tie-break of {@link
     * io.feedstore.domain.release.PressRelease#NEWEST_LAST}: this is only asked after the partition's consolidation
     * (which came after the copy was published) succeeded, so the copy was an input of a version of the
     * consolidated file, and every later version holds the newest per id of what the one before held.
     */
    private static boolean newer(HeldRow held, FlatCopies.RowKey row) {
        if (held.ingestedAtKey() != row.ingestedAtKey()) {
            return held.ingestedAtKey() > row.ingestedAtKey();
        }
        return Comparator.nullsFirst(Comparator.<Integer>naturalOrder())
                        .compare(held.parserVersion(), row.parserVersion())
                >= 0;
    }
}
