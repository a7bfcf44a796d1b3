package io.feedstore.domain.store;

/** The successful outcome of an operation that returns nothing else. */
public enum Done {
    DONE
}
