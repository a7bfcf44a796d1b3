package io.feedstore.gcsserver;

import java.util.EnumMap;
import java.util.Map;

/** What the server saw: requests per operation and the most that were in progress at once. */
public final class RequestStats {

    private final Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
    private int inFlight;
    private int maxInFlight;

    synchronized void begin(Operation operation) {
        counts.merge(operation, 1, Integer::sum);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    synchronized void end() {
        inFlight--;
    }

    public synchronized int count(Operation operation) {
        return counts.getOrDefault(operation, 0);
    }

    public synchronized int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The most requests that were being handled at the same moment since the last reset. */
    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    public synchronized void reset() {
        counts.clear();
        maxInFlight = inFlight;
    }
}
