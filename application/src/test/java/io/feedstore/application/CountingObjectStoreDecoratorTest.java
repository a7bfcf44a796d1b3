package io.feedstore.application;

import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.ObjectStoreDecoratorContract;

class CountingObjectStoreDecoratorTest extends ObjectStoreDecoratorContract {

    @Override
    protected ObjectStore decorate(ObjectStore store) {
        return new CountingObjectStore(store);
    }
}
