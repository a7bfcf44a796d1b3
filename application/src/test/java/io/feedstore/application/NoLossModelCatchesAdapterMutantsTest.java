package io.feedstore.application;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.AbstractNoLossModelTest.Add;
import io.feedstore.application.AbstractNoLossModelTest.CrashingConsolidation;
import io.feedstore.application.AbstractNoLossModelTest.Flush;
import io.feedstore.application.AbstractNoLossModelTest.Operation;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.WriteCondition;
import io.feedstore.testkit.CrashingObjectStore;
import io.feedstore.testkit.ForwardingObjectStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-loss model is able to fail on the adapters' own streamed paths: a mutation of the local store's staged
 * write is caught, because a crashing consolidation now dies inside that staged write instead of in the port's
 * in-memory fallback, which never reached the adapter's staging at all.
 */
class NoLossModelCatchesAdapterMutantsTest {

    @TempDir
    Path root;

    /** Two batches in one partition, then a consolidation that dies at its first mutating call, the staged write. */
    private static final List<Operation> CRASH_WHILE_STAGING = List.of(
            new Add(1, 0, 1, 0),
            new Add(2, 0, 2, 1),
            new Flush(),
            new Add(3, 0, 3, 2),
            new Add(1, 0, 4, 1),
            new Flush(),
            new CrashingConsolidation(0, 1, CrashingObjectStore.When.BEFORE_CALL));

    /**
     * The mutation: a staged write whose writer fails publishes what it staged so far instead of abandoning it,
     * as an adapter that published in a {@code finally} would.
     */
    private static final class PublishesAbandonedStaging extends ForwardingObjectStore {

        PublishesAbandonedStaging(ObjectStore store) {
            super(store);
        }

        @Override
        public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
            return delegate().write(key, condition, keepingWhatWasWritten(writer));
        }

        private static ContentWriter keepingWhatWasWritten(ContentWriter writer) {
            return out -> {
                try {
                    writer.writeTo(out);
                } catch (RuntimeException | IOException abandoned) {
                    // the mutation: the failure is swallowed and the partial content is published
                }
            };
        }
    }

    @Test
    void theLocalStoreSurvivesAConsolidationThatDiesInsideItsStagedWrite() {
        assertThatCode(() -> modelOn(UnaryOperator.identity()).runCheckingAfterEveryOperation(CRASH_WHILE_STAGING))
                .doesNotThrowAnyException();
    }

    @Test
    void aLocalStoreThatPublishesAnAbandonedStagedWriteIsCaught() {
        assertThatThrownBy(() ->
                        modelOn(PublishesAbandonedStaging::new).runCheckingAfterEveryOperation(CRASH_WHILE_STAGING))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("consolidated.parquet")
                .hasMessageContaining("not a readable Parquet file");
    }

    private AbstractNoLossModelTest modelOn(UnaryOperator<ObjectStore> mutation) {
        RecordCodec codec = new ParquetRecordCodec();
        return new AbstractNoLossModelTest() {
            @Override
            protected ObjectStore newStore() {
                try {
                    return mutation.apply(new LocalFileSystemObjectStore(Files.createTempDirectory(root, "example-")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            protected RecordCodec codec() {
                return codec;
            }
        };
    }
}
