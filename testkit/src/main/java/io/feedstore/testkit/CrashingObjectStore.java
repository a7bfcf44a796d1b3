package io.feedstore.testkit;

import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectAttributes;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectDetails;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Crash injection for tests: a decorator that lets the process "die" at its n-th mutating call (create,
 * replace, delete) by throwing {@link SimulatedCrash}, either before that call reaches the store or right
 * after the store performed it (the caller never learns it succeeded, as when a process dies or a connection
 * drops between the write and its answer). From then on every call throws: a dead process does nothing more,
 * not even the next range of an object it opened earlier.
 *
 * <p>Every call goes to the same operation of the wrapped store, so the adapter's own paths are the ones that
 * crash: a streamed write that crashes "before" dies inside the store's staging, after its first bytes; a bulk
 * delete counts one mutating call per object and dies part-way, after the store deleted the ones before.
 */
public final class CrashingObjectStore extends ForwardingObjectStore {

    /** Whether the crashing call reaches the store. */
    public enum When {
        /** The n-th mutating call is not performed (a streamed write dies while its content is staged). */
        BEFORE_CALL,
        /** The n-th mutating call is performed, then the crash. */
        AFTER_CALL
    }

    private final int crashAt;
    private final When when;
    private int mutatingCalls;
    // Read without the lock: a streamed write holds it while other threads read the ranges it encodes.
    private volatile boolean crashed;

    /**
     * @param crashAt the 1-based number of the mutating call that crashes
     */
    public CrashingObjectStore(ObjectStore delegate, int crashAt, When when) {
        super(delegate);
        this.when = Objects.requireNonNull(when, "when");
        if (crashAt < 1) {
            throw new IllegalArgumentException("crashAt counts mutating calls from 1, was " + crashAt);
        }
        this.crashAt = crashAt;
    }

    public static CrashingObjectStore crashBefore(ObjectStore delegate, int crashAt) {
        return new CrashingObjectStore(delegate, crashAt, When.BEFORE_CALL);
    }

    public static CrashingObjectStore crashAfter(ObjectStore delegate, int crashAt) {
        return new CrashingObjectStore(delegate, crashAt, When.AFTER_CALL);
    }

    /** Whether the crash has happened. */
    public boolean crashed() {
        return crashed;
    }

    /** How many mutating calls were attempted, the crashing one included. */
    public synchronized int mutatingCalls() {
        return mutatingCalls;
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        return reading(() -> delegate().list(prefix));
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        return reading(() -> delegate().read(key));
    }

    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        return reading(() -> delegate().open(key, condition).map(this::dyingWithTheProcess));
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
        return reading(() -> {
            Map<ObjectKey, Either<StoreFailure, ObjectContent>> outcomes = new LinkedHashMap<>();
            BulkCalls.openAll(delegate(), keys)
                    .forEach((key, opened) -> outcomes.put(key, opened.map(this::dyingWithTheProcess)));
            return outcomes;
        });
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
        return reading(() -> BulkCalls.readAll(delegate(), keys));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        return mutating("createIfAbsent " + key, () -> delegate().createIfAbsent(key, content));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        return mutating("createIfAbsent " + key, () -> delegate().createIfAbsent(key, attributes, content));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        String what = "createIfAbsent " + key + " streamed";
        return streamedWrite(
                what,
                () -> delegate().createIfAbsent(key, attributes, writer),
                () -> delegate().createIfAbsent(key, attributes, crashingWhileStaged(what, writer)));
    }

    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        return reading(() -> delegate().details(key));
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        return mutating("replaceIfUnchanged " + key, () -> delegate().replaceIfUnchanged(key, expected, content));
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        return mutating("deleteIfUnchanged " + key, () -> delegate().deleteIfUnchanged(key, expected));
    }

    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
        String what = "write " + key + " " + condition;
        return streamedWrite(
                what,
                () -> delegate().write(key, condition, writer),
                () -> delegate().write(key, condition, crashingWhileStaged(what, writer)));
    }

    /** One mutating call per entry; the entries before the crashing one go to the store's bulk delete together. */
    @Override
    public synchronized Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(
            Map<ObjectKey, Generation> expected) {
        requireAlive("deleteAllIfUnchanged of " + expected.size());
        Map<ObjectKey, Generation> beforeTheCrash = new LinkedHashMap<>();
        ObjectKey crashing = null;
        int calls = mutatingCalls;
        for (ObjectKey key : expected.keySet()) {
            calls++;
            if (calls >= crashAt) {
                crashing = key;
                break;
            }
            beforeTheCrash.put(key, expected.get(key));
        }
        mutatingCalls += beforeTheCrash.size();
        Map<ObjectKey, Either<StoreFailure, Done>> outcomes = beforeTheCrash.isEmpty()
                ? new LinkedHashMap<>()
                : BulkCalls.deleteAllIfUnchanged(delegate(), beforeTheCrash);
        if (crashing == null) {
            return outcomes;
        }
        ObjectKey last = crashing;
        return mutating(
                "deleteAllIfUnchanged " + last + " (after " + beforeTheCrash.size() + " deleted)",
                () -> BulkCalls.deleteAllIfUnchanged(delegate(), Map.of(last, expected.get(last))));
    }

    @Override
    public String describe() {
        return delegate().describe() + " (crashing at mutating call " + crashAt + ", " + when + ")";
    }

    private <T> T reading(Supplier<T> call) {
        requireAlive("no call reaches the store any more");
        return call.get();
    }

    private void requireAlive(String what) {
        if (crashed) {
            throw new SimulatedCrash("the process crashed earlier; " + what + " never happened");
        }
    }

    private synchronized <T> T mutating(String what, Supplier<T> call) {
        requireAlive(what);
        mutatingCalls++;
        if (mutatingCalls < crashAt) {
            return call.get();
        }
        crashed = true;
        if (when == When.AFTER_CALL) {
            call.get();
            throw new SimulatedCrash(
                    "crash right after mutating call " + mutatingCalls + " (" + what + ") was performed");
        }
        throw new SimulatedCrash("crash before mutating call " + mutatingCalls + " (" + what + ")");
    }

    /** Before: the store's own staging runs and the process dies in it; after: performed, then the crash. */
    private synchronized <T> T streamedWrite(String what, Supplier<T> performed, Supplier<T> dyingWhileStaged) {
        requireAlive(what);
        mutatingCalls++;
        if (mutatingCalls < crashAt) {
            return performed.get();
        }
        if (when == When.AFTER_CALL) {
            crashed = true;
            performed.get();
            throw new SimulatedCrash(
                    "crash right after mutating call " + mutatingCalls + " (" + what + ") was performed");
        }
        // The writer's crash normally comes through here; if the store refused before writing, crash all the same.
        dyingWhileStaged.get();
        crashed = true;
        throw new SimulatedCrash("crash before mutating call " + mutatingCalls + " (" + what + ")");
    }

    /** The writer's content, cut off by the crash at its second write (or at its end if it writes once). */
    private ContentWriter crashingWhileStaged(String what, ContentWriter writer) {
        return out -> {
            OutputStream dying = new FilterOutputStream(out) {
                private int writes;

                @Override
                public void write(int b) throws IOException {
                    dieOnSecondWrite();
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    dieOnSecondWrite();
                    out.write(b, off, len);
                }

                private void dieOnSecondWrite() {
                    if (++writes == 2) {
                        crash();
                    }
                }

                private void crash() {
                    crashed = true;
                    throw new SimulatedCrash("crash inside mutating call " + mutatingCalls + " (" + what
                            + ") while its content was staged");
                }
            };
            writer.writeTo(dying);
            crashed = true;
            throw new SimulatedCrash("crash inside mutating call " + mutatingCalls + " (" + what
                    + ") before its staged content was published");
        };
    }

    /** A dead process reads no more ranges of what it opened. */
    private ObjectContent dyingWithTheProcess(ObjectContent content) {
        return new ForwardingObjectContent(content) {
            @Override
            public void readFully(long position, byte[] target, int offset, int length) throws IOException {
                requireAlive("reading " + length + " bytes at " + position + " of " + content.key());
                content.readFully(position, target, offset, length);
            }

            @Override
            public byte[] readAll() throws IOException {
                requireAlive("reading all of " + content.key());
                return content.readAll();
            }
        };
    }
}
