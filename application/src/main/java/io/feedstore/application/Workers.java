package io.feedstore.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Threads for one job (a consolidation's or a load's decoding, a backfill's reads); they never keep the JVM alive. */
final class Workers implements AutoCloseable {

    private final ExecutorService pool;
    private final int threads;

    Workers(int threads) {
        this(threads, "feedstore-consolidation");
    }

    Workers(int threads, String name) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    int threads() {
        return threads;
    }

    /**
     * A pipeline that decodes up to {@link #threads} inputs at once and hands their rows on in input order, with one
     * more input queued: rows are handed on oldest input first, so a thread done with a younger input would otherwise
     * idle until the oldest is finished.
     */
    InOrderPipeline pipeline() {
        return new InOrderPipeline(pool, threads + 1);
    }

    /** Runs every task on the workers, at most {@link #threads} at once, and answers their results in order. */
    <T> List<T> all(List<Callable<T>> tasks) {
        try {
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> done : pool.invokeAll(tasks)) {
                results.add(done.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the workers", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
