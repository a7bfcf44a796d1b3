package io.feedstore.application;

import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.ObjectStoreDecoratorContract;

class InterceptingObjectStoreDecoratorTest extends ObjectStoreDecoratorContract {

    @Override
    protected ObjectStore decorate(ObjectStore store) {
        return new InterceptingObjectStore(store, InterceptingObjectStore.before(call -> false, call -> {}));
    }
}
