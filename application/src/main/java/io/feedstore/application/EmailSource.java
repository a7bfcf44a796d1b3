package io.feedstore.application;

import java.io.IOException;

/** Messages to ingest, handed over one at a time so that a mailbox of any size is never held whole. */
@FunctionalInterface
public interface EmailSource {

    /** Calls {@code each} for every message in order. */
    void forEach(Each each) throws IOException;

    /** Receives each message; its bytes then belong to the receiver, which closes them (removing a spilled file). */
    @FunctionalInterface
    interface Each {
        void accept(IncomingEmail email);
    }
}
