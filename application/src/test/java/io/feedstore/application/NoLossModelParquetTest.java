package io.feedstore.application;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;

/** The no-loss model with the real Parquet codec, on the in-memory reference store. */
class NoLossModelParquetTest extends AbstractNoLossModelTest {

    private final RecordCodec codec = new ParquetRecordCodec();

    @Override
    protected ObjectStore newStore() {
        return new InMemoryObjectStore();
    }

    @Override
    protected RecordCodec codec() {
        return codec;
    }

    @Override
    protected int examples() {
        return 40;
    }
}
