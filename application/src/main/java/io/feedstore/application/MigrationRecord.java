package io.feedstore.application;

import io.feedstore.domain.backfill.MigrationEntry;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The append-only migration record {@code backfill/{run}.jsonl}: an append reads the record and replaces it only
 * if it is unchanged (or creates it if absent), so entries are never lost to a concurrent append. The appends made
 * through one instance take turns, so the dates one process has in flight never make each other retry; only
 * another process's append does, and a record still contended after the last attempt is reported, never
 * overwritten.
 *
 * <p>An instance remembers what it last wrote to each record, so a run's next append goes straight to the
 * compare-and-swap against that generation instead of reading the whole record again; if anyone else wrote it
 * meanwhile the swap fails and the append reads as before. The object stored is the same either way.
 */
final class MigrationRecord {

    private static final int ATTEMPTS = 5;

    private final ObjectStore store;
    private final Map<ObjectKey, StoredObject> lastWritten = new ConcurrentHashMap<>();

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
        StoredObject known = lastWritten.remove(record);
        if (known != null) {
            byte[] content = concat(known.content(), added);
            Either<StoreFailure, Generation> written = store.replaceIfUnchanged(record, known.generation(), content);
            if (written.isRight()) {
                lastWritten.put(record, new StoredObject(record, written.get(), content));
                return Either.right(Done.DONE);
            }
            // Changed or removed since: read it as a first append does. Any other failure may have written.
            if (!(written.getLeft() instanceof StoreFailure.PreconditionFailed
                    || written.getLeft() instanceof StoreFailure.NotFound)) {
                return Either.left("could not append to the migration record " + record.value() + ": "
                        + written.getLeft().message());
            }
        }
        StoreFailure last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Either<StoreFailure, StoredObject> current = store.read(record);
            Either<StoreFailure, Generation> written;
            byte[] content;
            if (current.isLeft() && current.getLeft() instanceof StoreFailure.NotFound) {
                content = added;
                written = store.createIfAbsent(record, content);
            } else if (current.isLeft()) {
                return Either.left("could not read the migration record " + record.value() + ": "
                        + current.getLeft().message());
            } else {
                content = concat(current.get().content(), added);
                written = store.replaceIfUnchanged(record, current.get().generation(), content);
            }
            if (written.isRight()) {
                lastWritten.put(record, new StoredObject(record, written.get(), content));
                return Either.right(Done.DONE);
            }
            last = written.getLeft();
            if (!(last instanceof StoreFailure.PreconditionFailed)) {
                break;
            }
        }
        return Either.left("could not append to the migration record " + record.value() + ": " + last.message());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
