package io.feedstore.application;

import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dead letters of one run, kept as JSON Lines objects {@code rejects/<command>_<time>_<unique>.jsonl}, each
 * created only if absent under a fresh name, written in chunks as the run goes.
 */
final class DeadLetters {

    static final int CHUNK = 1_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss");
    private static final int NAME_ATTEMPTS = 8;

    private final ObjectStore store;
    private final String command;
    private final Instant startedAt;
    private final List<String> unwritten = new ArrayList<>();
    private final List<ObjectKey> written = new ArrayList<>();

    DeadLetters(ObjectStore store, String command, Instant startedAt) {
        this.store = Objects.requireNonNull(store, "store");
        this.command = Objects.requireNonNull(command, "command");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Keeps a letter; writes the chunk when it is full. */
    Either<StoreFailure, List<ObjectKey>> add(String letter) {
        unwritten.add(letter);
        return unwritten.size() >= CHUNK ? flush() : Either.right(keys());
    }

    /** Writes the letters not yet written as one new object; on failure they are kept for the next try. */
    Either<StoreFailure, List<ObjectKey>> flush() {
        if (unwritten.isEmpty()) {
            return Either.right(keys());
        }
        byte[] content = (String.join("\n", unwritten) + "\n").getBytes(StandardCharsets.UTF_8);
        String stamp = STAMP.format(LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC));
        StoreFailure last = null;
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            ObjectKey key = StoreLayout.REJECTS.key(command + "_" + stamp + "_" + BatchName.randomUnique() + ".jsonl");
            Either<StoreFailure, ?> created = store.createIfAbsent(key, content);
            if (created.isRight()) {
                written.add(key);
                unwritten.clear();
                return Either.right(keys());
            }
            last = created.getLeft();
            if (!(last instanceof StoreFailure.PreconditionFailed)) {
                break;
            }
        }
        return Either.left(last);
    }

    List<ObjectKey> keys() {
        return List.copyOf(written);
    }
}
