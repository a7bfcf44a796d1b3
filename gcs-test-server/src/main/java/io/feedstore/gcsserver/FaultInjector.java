package io.feedstore.gcsserver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Faults on demand: the next requests (of one operation or any), every request after the first N, or a random
 * share of requests from a seed. Thread-safe; every request asks {@link #take} once.
 */
public final class FaultInjector {

    private record Queued(Operation operation, Fault fault) {}

    private final Deque<Queued> queued = new ArrayDeque<>();
    private Operation failAfterOperation;
    private int passesLeft = -1;
    private Fault failAfterFault;
    private Random random;
    private double probability;
    private List<Fault> randomFaults = List.of();
    private int injected;
    private Duration latency = Duration.ZERO;

    /** The next request of any kind meets {@code fault}. */
    public synchronized FaultInjector next(Fault fault) {
        return next(null, 1, fault);
    }

    /** The next {@code times} requests of {@code operation} (any, when null) meet {@code fault}. */
    public synchronized FaultInjector next(Operation operation, int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < times; i++) {
            queued.add(new Queued(operation, fault));
        }
        return this;
    }

    /**
     * The first {@code passing} requests of {@code operation} (any, when null) are handled; every later one
     * meets {@code fault} until {@link #clear()}.
     */
    public synchronized FaultInjector failAfter(Operation operation, int passing, Fault fault) {
        if (passing < 0) {
            throw new IllegalArgumentException("passing must not be negative: " + passing);
        }
        this.failAfterOperation = operation;
        this.passesLeft = passing;
        this.failAfterFault = Objects.requireNonNull(fault, "fault");
        return this;
    }

    /** Each request meets one of {@code faults} (picked at random) with this probability, reproducibly from the seed. */
    public synchronized FaultInjector randomly(double probability, long seed, List<Fault> faults) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
        }
        if (faults.isEmpty() && probability > 0) {
            throw new IllegalArgumentException("no faults to pick from");
        }
        this.random = new Random(seed);
        this.probability = probability;
        this.randomFaults = new ArrayList<>(faults);
        return this;
    }

    /** Every request waits this long before it is handled, faults or not: a distant or slow Cloud Storage. */
    public synchronized FaultInjector latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
        return this;
    }

    synchronized Duration latency() {
        return latency;
    }

    /** No more faults. */
    public synchronized void clear() {
        queued.clear();
        passesLeft = -1;
        failAfterFault = null;
        random = null;
        randomFaults = List.of();
        latency = Duration.ZERO;
    }

    /** How many requests met a fault so far. */
    public synchronized int injected() {
        return injected;
    }

    synchronized Fault take(Operation operation) {
        Fault fault = pick(operation);
        if (fault != null) {
            injected++;
        }
        return fault;
    }

    private Fault pick(Operation operation) {
        for (var it = queued.iterator(); it.hasNext(); ) {
            Queued q = it.next();
            if (q.operation() == null || q.operation() == operation) {
                it.remove();
                return q.fault();
            }
        }
        if (failAfterFault != null && (failAfterOperation == null || failAfterOperation == operation)) {
            if (passesLeft > 0) {
                passesLeft--;
            } else {
                return failAfterFault;
            }
        }
        if (random != null && random.nextDouble() < probability) {
            return randomFaults.get(random.nextInt(randomFaults.size()));
        }
        return null;
    }
}
