package io.feedstore.application;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The decoding threads of one consolidation; they never keep the JVM alive and stop when it ends. */
final class Workers implements AutoCloseable {

    private final ExecutorService pool;
    private final int threads;

    Workers(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "feedstore-consolidation");
            thread.setDaemon(true);
            return thread;
        });
    }

    int threads() {
        return threads;
    }

    /** A pipeline that decodes up to {@link #threads} inputs at once and hands their rows on in input order. */
    InOrderPipeline pipeline() {
        return new InOrderPipeline(pool, threads);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
