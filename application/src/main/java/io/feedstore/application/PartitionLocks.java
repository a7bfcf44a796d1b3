package io.feedstore.application;

import io.feedstore.domain.partition.Partition;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per partition, for work of one process that must not overlap on a partition. A caller holds at most
 * one partition's lock at a time, so no order among partitions is needed and no two callers can deadlock.
 */
final class PartitionLocks {

    private final Map<Partition, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code work} while no other caller works on {@code partition}. */
    <T> T exclusively(Partition partition, Supplier<T> work) {
        Objects.requireNonNull(partition, "partition");
        ReentrantLock lock = locks.computeIfAbsent(partition, p -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
