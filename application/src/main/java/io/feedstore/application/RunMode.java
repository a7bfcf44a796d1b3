package io.feedstore.application;

/** Whether a consolidation changes the store or only says what it would do. */
public enum RunMode {
    /** Write the consolidated file, verify it, delete the merged inputs. */
    APPLY,
    /** Read and plan; write and delete nothing. */
    DRY_RUN
}
