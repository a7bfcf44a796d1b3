package io.feedstore.application;

import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Test decorator: every call goes through an {@link Interceptor}, which may act before or after it (pause,
 * run a concurrent writer, delete something), answer instead of the store, or let it through. The tests use it
 * to stage races and failures at exact points of a use case.
 */
public final class InterceptingObjectStore implements ObjectStore {

    /** The kinds of store call. */
    public enum Op {
        LIST, READ, CREATE, REPLACE, DELETE;

        public boolean mutating() {
            return this == CREATE || this == REPLACE || this == DELETE;
        }
    }

    /** One call: its kind and the key or prefix it is about. */
    public record Call(Op op, String target) {
        public boolean isAbout(ObjectKey key) {
            return target.equals(key.value());
        }
    }

    /** Sees each call; {@code proceed} performs it on the underlying store. */
    public interface Interceptor {
        <T> Either<StoreFailure, T> intercept(Call call, Supplier<Either<StoreFailure, T>> proceed);
    }

    /** Runs {@code action} just before calls matching; lets every call through. */
    public static Interceptor before(Predicate<Call> which, Consumer<Call> action) {
        return new Interceptor() {
            @Override
            public <T> Either<StoreFailure, T> intercept(Call call, Supplier<Either<StoreFailure, T>> proceed) {
                if (which.test(call)) {
                    action.accept(call);
                }
                return proceed.get();
            }
        };
    }

    /** Runs {@code action} just after calls matching; lets every call through. */
    public static Interceptor after(Predicate<Call> which, Consumer<Call> action) {
        return new Interceptor() {
            @Override
            public <T> Either<StoreFailure, T> intercept(Call call, Supplier<Either<StoreFailure, T>> proceed) {
                Either<StoreFailure, T> result = proceed.get();
                if (which.test(call)) {
                    action.accept(call);
                }
                return result;
            }
        };
    }

    /** Answers calls matching with {@code failure} without performing them. */
    public static Interceptor failing(Predicate<Call> which, Function<Call, StoreFailure> failure) {
        return new Interceptor() {
            @Override
            public <T> Either<StoreFailure, T> intercept(Call call, Supplier<Either<StoreFailure, T>> proceed) {
                return which.test(call) ? Either.left(failure.apply(call)) : proceed.get();
            }
        };
    }

    private final ObjectStore delegate;
    private final Interceptor interceptor;

    public InterceptingObjectStore(ObjectStore delegate, Interceptor interceptor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
    }

    public static StoreFailure.IoFailure ioFailure(Call call) {
        return new StoreFailure.IoFailure(call.target(), "injected I/O failure on " + call.op(), Option.none());
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        return interceptor.intercept(new Call(Op.LIST, prefix.value()), () -> delegate.list(prefix));
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        return interceptor.intercept(new Call(Op.READ, key.value()), () -> delegate.read(key));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        return interceptor.intercept(new Call(Op.CREATE, key.value()), () -> delegate.createIfAbsent(key, content));
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        return interceptor.intercept(new Call(Op.REPLACE, key.value()),
                () -> delegate.replaceIfUnchanged(key, expected, content));
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        return interceptor.intercept(new Call(Op.DELETE, key.value()), () -> delegate.deleteIfUnchanged(key, expected));
    }

    @Override
    public String describe() {
        return delegate.describe() + " (intercepted)";
    }
}
