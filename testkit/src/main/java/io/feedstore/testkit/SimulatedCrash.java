package io.feedstore.testkit;

/** Thrown by {@link CrashingObjectStore}: the process "died" at this point; nothing after it reaches the store. */
public final class SimulatedCrash extends RuntimeException {

    public SimulatedCrash(String message) {
        super(message, null, false, false);
    }
}
