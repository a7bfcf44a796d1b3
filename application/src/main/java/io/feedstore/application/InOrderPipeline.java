package io.feedstore.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a producer per input on worker threads, a few inputs ahead, and hands what each produces to a consumer on
 * the calling thread strictly in input order: decoding (the costly part) uses every core while the outcome stays
 * exactly what a sequential loop would give. Memory stays bounded: each input in flight has a small queue of
 * chunks, and a producer that runs ahead waits for the consumer.
 */
final class InOrderPipeline {

    /** What runs on a worker for one input: emits items, then answers a result (an outcome, a failure). */
    interface Producer<T, R> {
        R produce(int input, Consumer<T> emit);
    }

    /** What the calling thread does with each input's items, then with its result; false stops the pipeline. */
    interface Receiver<T, R> {
        void item(int input, T item);

        boolean done(int input, R result);
    }

    private static final int CHUNK = 256;
    private static final int CHUNKS_PER_INPUT = 4;
    private static final Object END = new Object();

    private final ExecutorService pool;
    private final int ahead;

    InOrderPipeline(ExecutorService pool, int ahead) {
        this.pool = Objects.requireNonNull(pool, "pool");
        if (ahead < 1) {
            throw new IllegalArgumentException("at least one input must be in flight, was " + ahead);
        }
        this.ahead = ahead;
    }

    /** Stops a producer whose consumer gave up; never escapes {@link #run}. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private record Failure(Throwable cause) {}

    private record End<R>(R result) {}

    /** Runs inputs {@code 0..inputs-1}; answers normally once every input is done or the receiver stopped it. */
    <T, R> void run(int inputs, Producer<T, R> producer, Receiver<T, R> receiver) {
        List<BlockingQueue<Object>> queues = new ArrayList<>(inputs);
        List<Future<?>> running = new ArrayList<>(inputs);
        try {
            for (int input = 0; input < inputs; input++) {
                while (running.size() < Math.min(inputs, input + ahead)) {
                    int next = running.size();
                    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS_PER_INPUT + 2);
                    queues.add(queue);
                    running.add(pool.submit(() -> produceInto(next, producer, queue)));
                }
                BlockingQueue<Object> queue = queues.get(input);
                while (true) {
                    Object taken = take(queue);
                    if (taken instanceof Failure failure) {
                        throw rethrow(failure.cause());
                    }
                    if (taken instanceof End<?> end) {
                        @SuppressWarnings("unchecked")
                        R result = (R) end.result();
                        queues.set(input, null);
                        if (!receiver.done(input, result)) {
                            return;
                        }
                        break;
                    }
                    @SuppressWarnings("unchecked")
                    List<T> chunk = (List<T>) taken;
                    for (T item : chunk) {
                        receiver.item(input, item);
                    }
                }
            }
        } finally {
            // Producers still running are ahead of a consumer that stopped: wake them so they end.
            running.forEach(f -> f.cancel(true));
        }
    }

    private static <T, R> void produceInto(int input, Producer<T, R> producer, BlockingQueue<Object> queue) {
        List<List<T>> pending = new ArrayList<>(1);
        pending.add(new ArrayList<>(CHUNK));
        Object last;
        try {
            R result = producer.produce(input, item -> {
                List<T> chunk = pending.get(0);
                chunk.add(item);
                if (chunk.size() == CHUNK) {
                    put(queue, chunk);
                    pending.set(0, new ArrayList<>(CHUNK));
                }
            });
            if (!pending.get(0).isEmpty()) {
                put(queue, pending.get(0));
            }
            last = new End<>(result);
        } catch (Stopped stopped) {
            return;
        } catch (Throwable t) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            last = new Failure(t);
        }
        try {
            put(queue, last);
        } catch (Stopped stopped) {
            // the consumer is gone
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an input to be decoded", e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }
}
