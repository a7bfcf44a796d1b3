package io.feedstore.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.feedstore.domain.store.WholeObjects;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decorator contract is able to fail: a decorator that forwards only the basic operations, and so lets the
 * streamed and bulk calls fall back to the port's in-memory defaults, is caught on each of those calls.
 */
class ObjectStoreDecoratorContractCatchesFallbacksTest {

    /**
     * Forwards the whole-object operations only and serves streamed reads and writes from them in memory, as the
     * test decorators once did through the port's defaults; it has no bulk operations to pass on.
     */
    private static final class ForwardingTheBasicsOnly implements ObjectStore {
        private final ObjectStore delegate;

        ForwardingTheBasicsOnly(ObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
            return delegate.list(prefix);
        }

        @Override
        public Either<StoreFailure, StoredObject> read(ObjectKey key) {
            return delegate.read(key);
        }

        @Override
        public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
            return delegate.createIfAbsent(key, content);
        }

        @Override
        public Either<StoreFailure, Generation> createIfAbsent(
                ObjectKey key, ObjectAttributes attributes, byte[] content) {
            return delegate.createIfAbsent(key, attributes, content);
        }

        @Override
        public Either<StoreFailure, Generation> createIfAbsent(
                ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
            return WholeObjects.createIfAbsent(this, key, attributes, writer);
        }

        @Override
        public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
            return delegate.details(key);
        }

        @Override
        public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
            return delegate.replaceIfUnchanged(key, expected, content);
        }

        @Override
        public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
            return delegate.deleteIfUnchanged(key, expected);
        }

        @Override
        public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
            return WholeObjects.open(this, key, condition);
        }

        @Override
        public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
            return WholeObjects.write(this, key, condition, writer);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }

    private static ObjectStoreDecoratorContract contract() {
        ObjectStoreDecoratorContract contract = new ObjectStoreDecoratorContract() {
            @Override
            protected ObjectStore decorate(ObjectStore store) {
                return new ForwardingTheBasicsOnly(store);
            }
        };
        contract.twoObjects();
        return contract;
    }

    @Test
    void theBasicOperationsPassWhenForwarded() {
        assertThatCode(() -> {
                    contract().listingReachesTheStoreAsAListing();
                    contract().aWholeReadReachesTheStoreAsAWholeRead();
                    contract().conditionalWritesOfArraysReachTheStoreAsTheSameWrites();
                    contract().aConditionalDeleteReachesTheStoreAsTheSameDelete();
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aRangedReadFallingBackToAWholeReadIsCaught() {
        assertThatThrownBy(() -> contract().openingReachesTheStoreAsTheStoresOwnOpenAndItsRangesReadTheStoredBytes())
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract().openingAtAGenerationReachesTheStoreAsTheStoresPinnedOpen())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aStagedWriteFallingBackToAnArrayWriteIsCaught() {
        assertThatThrownBy(() -> contract().streamedWritesReachTheStoreAsItsStagedWritesWithTheWritersContent())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aStreamedCreateFallingBackToAnArrayCreateIsCaught() {
        assertThatThrownBy(() -> contract()
                        .aStreamedCreateWithAttributesReachesTheStoreAsItsStreamedCreateWithTheWritersContent())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void bulkCallsFallingBackToOneCallPerObjectAreCaught() {
        assertThatThrownBy(() -> contract().openingManyReachesTheStoreOnlyThroughItsBulkOpen())
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract().readingManyReachesTheStoreOnlyThroughItsBulkRead())
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract().deletingManyReachesTheStoreOnlyThroughItsBulkDelete())
                .isInstanceOf(AssertionError.class);
    }
}
