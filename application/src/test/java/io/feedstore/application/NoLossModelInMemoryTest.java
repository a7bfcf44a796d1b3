package io.feedstore.application;

import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.SerializingTestCodec;

/** The no-loss model on the in-memory reference store with the fast test codec: many examples, quickly. */
class NoLossModelInMemoryTest extends AbstractNoLossModelTest {

    @Override
    protected ObjectStore newStore() {
        return new InMemoryObjectStore();
    }

    @Override
    protected RecordCodec codec() {
        return new SerializingTestCodec();
    }

    @Override
    protected int examples() {
        return 400;
    }
}
