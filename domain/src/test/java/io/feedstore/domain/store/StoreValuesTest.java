package io.feedstore.domain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.vavr.control.Option;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StoreValuesTest {

    private static final ObjectKey KEY = ObjectKey.of("a/b.parquet");

    @Test
    void aGenerationIsANonEmptyOpaqueToken() {
        assertThat(Generation.of("1712345678901234").token()).isEqualTo("1712345678901234");
        assertThat(Generation.of(42L)).isEqualTo(Generation.of("42")).hasToString("42");
        assertThatIllegalArgumentException().isThrownBy(() -> Generation.of("")).withMessageContaining("empty");
        assertThatNullPointerException().isThrownBy(() -> Generation.of(null));
    }

    @Test
    void aListingEntryHasAKeyAGenerationAndANonNegativeSize() {
        assertThat(new ObjectInfo(KEY, Generation.of(1), 0).size()).isZero();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ObjectInfo(KEY, Generation.of(1), -1))
                .withMessageContaining("-1");
        assertThatNullPointerException().isThrownBy(() -> new ObjectInfo(null, Generation.of(1), 0));
        assertThatNullPointerException().isThrownBy(() -> new ObjectInfo(KEY, null, 0));
    }

    @Test
    void aStoredObjectDescribesItselfWithItsContentLength() {
        StoredObject stored = new StoredObject(KEY, Generation.of(7), new byte[] {1, 2, 3});

        assertThat(stored.info()).isEqualTo(new ObjectInfo(KEY, Generation.of(7), 3));
        assertThatNullPointerException().isThrownBy(() -> new StoredObject(KEY, Generation.of(7), null));
    }

    @Test
    void everyStoreFailureSaysWhichObjectAndWhy() {
        assertThat(new StoreFailure.PreconditionFailed(KEY, "generation is 8, not 7").message())
                .isEqualTo("precondition failed for a/b.parquet: generation is 8, not 7");
        assertThat(new StoreFailure.NotFound(KEY).message()).isEqualTo("no object a/b.parquet");
        assertThat(StoreFailure.IoFailure.of("file:/data a/b.parquet", new IOException("disk full"))
                        .message())
                .isEqualTo("I/O failure on file:/data a/b.parquet: disk full");
    }

    @Test
    void anIoFailureWithoutAMessageStillSaysWhatFailed() {
        StoreFailure.IoFailure failure = StoreFailure.IoFailure.of("gs://bucket", new IOException());

        assertThat(failure.detail()).isEqualTo("java.io.IOException");
        assertThat(failure.cause()).isInstanceOf(Option.class).isNotEmpty();
    }
}
