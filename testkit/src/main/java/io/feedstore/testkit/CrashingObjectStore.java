package io.feedstore.testkit;

import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Crash injection for tests: a decorator that lets the process "die" at its n-th mutating call (create,
 * replace, delete) by throwing {@link SimulatedCrash}, either before that call reaches the store or right
 * after the store performed it (the caller never learns it succeeded, as when a process dies or a connection
 * drops between the write and its answer). From then on every call throws: a dead process does nothing more.
 */
public final class CrashingObjectStore implements ObjectStore {

    /** Whether the crashing call reaches the store. */
    public enum When {
        /** The n-th mutating call is not performed. */
        BEFORE_CALL,
        /** The n-th mutating call is performed, then the crash. */
        AFTER_CALL
    }

    private final ObjectStore delegate;
    private final int crashAt;
    private final When when;
    private int mutatingCalls;
    private boolean crashed;

    /**
     * @param crashAt the 1-based number of the mutating call that crashes
     */
    public CrashingObjectStore(ObjectStore delegate, int crashAt, When when) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
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
    public synchronized boolean crashed() {
        return crashed;
    }

    /** How many mutating calls were attempted, the crashing one included. */
    public synchronized int mutatingCalls() {
        return mutatingCalls;
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        return reading(() -> delegate.list(prefix));
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        return reading(() -> delegate.read(key));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        return mutating("createIfAbsent " + key, () -> delegate.createIfAbsent(key, content));
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        return mutating("replaceIfUnchanged " + key, () -> delegate.replaceIfUnchanged(key, expected, content));
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        return mutating("deleteIfUnchanged " + key, () -> delegate.deleteIfUnchanged(key, expected));
    }

    @Override
    public String describe() {
        return delegate.describe() + " (crashing at mutating call " + crashAt + ", " + when + ")";
    }

    private synchronized <T> T reading(Supplier<T> call) {
        if (crashed) {
            throw new SimulatedCrash("the process crashed earlier; no call reaches the store any more");
        }
        return call.get();
    }

    private synchronized <T> T mutating(String what, Supplier<T> call) {
        if (crashed) {
            throw new SimulatedCrash("the process crashed earlier; " + what + " never happened");
        }
        mutatingCalls++;
        if (mutatingCalls < crashAt) {
            return call.get();
        }
        crashed = true;
        if (when == When.AFTER_CALL) {
            call.get();
            throw new SimulatedCrash("crash right after mutating call " + mutatingCalls + " (" + what + ") was performed");
        }
        throw new SimulatedCrash("crash before mutating call " + mutatingCalls + " (" + what + ")");
    }
}
