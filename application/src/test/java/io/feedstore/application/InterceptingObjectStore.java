package io.feedstore.application;

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
import io.feedstore.testkit.ForwardingObjectContent;
import io.feedstore.testkit.ForwardingObjectStore;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
public final class InterceptingObjectStore extends ForwardingObjectStore {

    /** The kinds of store call. */
    public enum Op {
        LIST,
        READ,
        READ_RANGE,
        CREATE,
        REPLACE,
        DELETE;

        public boolean mutating() {
            return this == CREATE || this == REPLACE || this == DELETE;
        }
    }

    /**
     * One call: its kind and the key or prefix it is about. A bulk call is one call per key, and each range read
     * of opened content is a call of its own.
     */
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

    private final Interceptor interceptor;

    public InterceptingObjectStore(ObjectStore delegate, Interceptor interceptor) {
        super(delegate);
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
    }

    public static StoreFailure.IoFailure ioFailure(Call call) {
        return new StoreFailure.IoFailure(call.target(), "injected I/O failure on " + call.op(), Option.none());
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        return interceptor.intercept(
                new Call(Op.LIST, prefix.value()), () -> delegate().list(prefix));
    }

    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        return interceptor.intercept(
                new Call(Op.READ, key.value()), () -> delegate().read(key));
    }

    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        return interceptor.intercept(
                new Call(Op.READ, key.value()),
                () -> delegate().open(key, condition).map(this::intercepted));
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
        return eachThroughTheBulkCall(
                new LinkedHashSet<>(keys),
                Op.READ,
                key -> BulkCalls.openAll(delegate(), List.of(key)).get(key).map(this::intercepted));
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
        return eachThroughTheBulkCall(
                new LinkedHashSet<>(keys),
                Op.READ,
                key -> BulkCalls.readAll(delegate(), List.of(key)).get(key));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        return interceptor.intercept(
                new Call(Op.CREATE, key.value()), () -> delegate().createIfAbsent(key, content));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        return interceptor.intercept(
                new Call(Op.CREATE, key.value()), () -> delegate().createIfAbsent(key, attributes, content));
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        return interceptor.intercept(
                new Call(Op.CREATE, key.value()), () -> delegate().createIfAbsent(key, attributes, writer));
    }

    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        return interceptor.intercept(
                new Call(Op.READ, key.value()), () -> delegate().details(key));
    }

    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
        Op op = condition instanceof WriteCondition.IfGeneration ? Op.REPLACE : Op.CREATE;
        return interceptor.intercept(new Call(op, key.value()), () -> delegate().write(key, condition, writer));
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        return interceptor.intercept(
                new Call(Op.REPLACE, key.value()), () -> delegate().replaceIfUnchanged(key, expected, content));
    }

    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        return interceptor.intercept(
                new Call(Op.DELETE, key.value()), () -> delegate().deleteIfUnchanged(key, expected));
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected) {
        return eachThroughTheBulkCall(
                expected.keySet(),
                Op.DELETE,
                key -> BulkCalls.deleteAllIfUnchanged(delegate(), Map.of(key, expected.get(key)))
                        .get(key));
    }

    @Override
    public String describe() {
        return delegate().describe() + " (intercepted)";
    }

    /**
     * One intercepted call per key, each performed by the store's bulk operation for that key alone: an
     * interceptor can act between any two of them, and the adapter's bulk path is still the one that runs.
     */
    private <T> Map<ObjectKey, Either<StoreFailure, T>> eachThroughTheBulkCall(
            Collection<ObjectKey> keys, Op op, Function<ObjectKey, Either<StoreFailure, T>> bulkOfOne) {
        Map<ObjectKey, Either<StoreFailure, T>> outcomes = new LinkedHashMap<>();
        for (ObjectKey key : keys) {
            outcomes.put(key, interceptor.intercept(new Call(op, key.value()), () -> bulkOfOne.apply(key)));
        }
        return outcomes;
    }

    /** Every range read of the content is a call of its own, so races can happen between two row groups. */
    private ObjectContent intercepted(ObjectContent content) {
        return new ForwardingObjectContent(content) {
            @Override
            public void readFully(long position, byte[] target, int offset, int length) throws IOException {
                Either<StoreFailure, Done> read = interceptor.intercept(
                        new Call(Op.READ_RANGE, content.key().value()), () -> {
                            try {
                                content.readFully(position, target, offset, length);
                                return Either.right(Done.DONE);
                            } catch (IOException e) {
                                return Either.left(
                                        StoreFailure.IoFailure.of(content.key().value(), e));
                            }
                        });
                if (read.isLeft()) {
                    StoreFailure failure = read.getLeft();
                    throw failure instanceof StoreFailure.IoFailure io
                                    && io.cause().isDefined()
                                    && io.cause().get() instanceof IOException cause
                            ? cause
                            : new IOException(failure.message());
                }
            }
        };
    }
}
