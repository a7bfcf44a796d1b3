package io.feedstore.testkit;

import io.feedstore.domain.store.ObjectStore;

class CrashingObjectStoreDecoratorTest extends ObjectStoreDecoratorContract {

    @Override
    protected ObjectStore decorate(ObjectStore store) {
        return CrashingObjectStore.crashBefore(store, Integer.MAX_VALUE);
    }
}
