package io.feedstore.testkit;

import io.feedstore.domain.store.ObjectStore;

/** The reference in-memory store honours the whole object-store contract. */
class InMemoryObjectStoreTest extends ObjectStoreContract {

    @Override
    protected ObjectStore createStore() {
        return new InMemoryObjectStore();
    }

    @Override
    protected ObjectStore sameStoreViaAnotherInstance(ObjectStore store) {
        // One JVM object is the whole store: threads share it.
        return store;
    }
}
