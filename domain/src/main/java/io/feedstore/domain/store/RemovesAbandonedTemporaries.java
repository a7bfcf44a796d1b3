package io.feedstore.domain.store;

/**
 * An optional capability of an object store that stages writes in temporary files: it removes those that writers
 * killed mid-write left behind, and says how many, so that a run can report its clean-up.
 */
public interface RemovesAbandonedTemporaries {

    /** The abandoned temporaries this store instance has removed so far. */
    long abandonedTemporariesRemoved();
}
