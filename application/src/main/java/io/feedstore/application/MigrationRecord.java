package io.feedstore.application;

import io.feedstore.domain.backfill.MigrationEntry;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The append-only migration record {@code backfill/{run}.jsonl}: an append reads the record and replaces it only
 * if it is unchanged (or creates it if absent), so entries are never lost to a concurrent append. The appends made
 * through one instance take turns, so the dates one process has in flight never make each other retry; only
 * another process's append does, and a record still contended after the last attempt is reported, never
 * overwritten.
 */
final class MigrationRecord {

    private static final int ATTEMPTS = 5;

    private final ObjectStore store;

    MigrationRecord(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    synchronized Either<String, Done> append(ObjectKey record, List<MigrationEntry> entries) {
        if (entries.isEmpty()) {
            return Either.right(Done.DONE);
        }
        StringBuilder lines = new StringBuilder();
        entries.forEach(e -> lines.append(e.toJsonLine()));
        byte[] added = lines.toString().getBytes(StandardCharsets.UTF_8);
        StoreFailure last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Either<StoreFailure, StoredObject> current = store.read(record);
            Either<StoreFailure, Generation> written;
            if (current.isLeft() && current.getLeft() instanceof StoreFailure.NotFound) {
                written = store.createIfAbsent(record, added);
            } else if (current.isLeft()) {
                return Either.left("could not read the migration record " + record.value() + ": "
                        + current.getLeft().message());
            } else {
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.writeBytes(current.get().content());
                both.writeBytes(added);
                written = store.replaceIfUnchanged(record, current.get().generation(), both.toByteArray());
            }
            if (written.isRight()) {
                return Either.right(Done.DONE);
            }
            last = written.getLeft();
            if (!(last instanceof StoreFailure.PreconditionFailed)) {
                break;
            }
        }
        return Either.left("could not append to the migration record " + record.value() + ": " + last.message());
    }
}
