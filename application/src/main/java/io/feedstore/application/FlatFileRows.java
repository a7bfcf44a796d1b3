package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One file of a flat folder read row by row (one row group in memory at a time): each row placed in its own
 * partition and handed over, or counted as unplaceable.
 */
final class FlatFileRows {

    /** What reading one flat file came to. */
    sealed interface Outcome permits Read, Unreadable, Vanished {}

    /** Read to the end: {@code placed} rows handed over, {@code unplaceable} not, the first of them for {@code why}. */
    record Read(long placed, long unplaceable, String why) implements Outcome {

        Read {
            if (placed < 0 || unplaceable < 0) {
                throw new IllegalArgumentException("row counts cannot be negative: " + placed + ", " + unplaceable);
            }
        }

        String describeUnplaceable(ObjectKey file) {
            return file.value() + ": " + unplaceable + (unplaceable == 1 ? " row" : " rows")
                    + " cannot be placed in a partition (" + why + "); the rest of the file is read";
        }
    }

    /** The file could not be read or decoded; rows may have been handed over before the failure. */
    record Unreadable(String reason) implements Outcome {

        Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The file no longer exists (a backfill retired it after verifying its rows elsewhere). */
    record Vanished() implements Outcome {}

    private FlatFileRows() {}

    /** Reads an opened flat file, closing it. */
    static Outcome read(
            RecordCodec codec,
            FlatFolder folder,
            Either<StoreFailure, ObjectContent> opened,
            String storeName,
            Consumer<PressRelease> placed) {
        if (opened.isLeft()) {
            return opened.getLeft() instanceof StoreFailure.NotFound
                    ? new Vanished()
                    : new Unreadable("could not read it from " + storeName + ": "
                            + opened.getLeft().message());
        }
        long[] counts = new long[2];
        String[] why = new String[1];
        Either<DecodeFailure, Long> decoded = null;
        try (ObjectContent content = opened.get()) {
            decoded = codec.decodeWire(content, row -> {
                Either<InvalidPressRelease, PressRelease> release = folder.place(row);
                if (release.isRight()) {
                    counts[0]++;
                    placed.accept(release.get());
                } else {
                    counts[1]++;
                    if (why[0] == null) {
                        why[0] = release.getLeft().getMessage();
                    }
                }
            });
        } catch (IOException e) {
            // Closing a read-only content failed after the decoding: what was decoded stands.
            if (decoded == null) {
                return new Unreadable("could not read it: " + e.getMessage());
            }
        }
        if (decoded.isLeft()) {
            return new Unreadable("cannot decode it: " + decoded.getLeft().reason());
        }
        return new Read(counts[0], counts[1], why[0] == null ? "" : why[0]);
    }
}
