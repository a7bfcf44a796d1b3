package io.feedstore.application;

import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Use case: buffers press releases per partition and writes each partition as batch files of
 * {@code batchSize} records, on reaching that size, on {@link #flush()} and on {@link #close()}.
 *
 * <p>Records leave the buffer only once the store has confirmed their batch, so a failed write drops nothing:
 * it raises {@link BatchWriteException} and the next flush retries. Batches are created only if absent under a
 * name with a per-writer random suffix, so two writers can never overwrite each other.
 *
 * <p>Thread-safe. Each partition has its own lock, held while its batch is written: adds to other partitions
 * go on meanwhile, and a flush returns only once everything added before it is stored.
 */
public final class BatchWriter implements AutoCloseable {

    /** Name collisions are astronomically unlikely; a few attempts with the next sequence are plenty. */
    private static final int NAME_ATTEMPTS = 16;

    private final ObjectStore store;
    private final RecordCodec codec;
    private final BatchWriterSettings settings;
    private final Clock clock;
    private final String unique = BatchName.randomUnique();
    private final ConcurrentMap<Partition, PartitionBuffer> buffers = new ConcurrentHashMap<>();
    private final List<ObjectKey> written = Collections.synchronizedList(new ArrayList<>());
    // Adds share the read lock; close takes the write lock once, so no add can slip in after close's flush began.
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    public BatchWriter(ObjectStore store, RecordCodec codec, BatchWriterSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Buffers a record; writes its partition when that reaches the batch size. If that write fails, the record
     * is still buffered (the exception says so) and will be written by a later flush.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws BatchWriteException when the partition's batch could not be written
     */
    public void add(PressRelease record) {
        Objects.requireNonNull(record, "record");
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(
                        "the batch writer is closed: press release " + record.id() + " was not added");
            }
            buffers.computeIfAbsent(record.partition(), PartitionBuffer::new).add(record);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Writes every buffered record. Every partition is attempted even if one fails; the first failure is thrown
     * with the others suppressed, and the failed partitions' records stay buffered.
     */
    public void flush() {
        List<PartitionBuffer> partitions = new ArrayList<>(buffers.values());
        partitions.sort((a, b) -> a.partition.compareTo(b.partition));
        BatchWriteException first = null;
        for (PartitionBuffer buffer : partitions) {
            try {
                buffer.flush();
            } catch (BatchWriteException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Writes every buffered record, but gives up at the first partition that fails: for a caller that stops
     * anyway, since with an unreachable store every partition would spend the store's whole retry budget in turn.
     * The failed partition and those not yet tried stay buffered.
     */
    public void flushUntilFirstFailure() {
        List<PartitionBuffer> partitions = new ArrayList<>(buffers.values());
        partitions.sort((a, b) -> a.partition.compareTo(b.partition));
        for (PartitionBuffer buffer : partitions) {
            buffer.flush();
        }
    }

    /** Refuses further adds and flushes. May be called again (or {@link #flush()}) to retry a failed flush. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        flush();
    }

    /** The keys of the batches written so far, in the order they were written. */
    public List<ObjectKey> writtenBatches() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    /** How many records of {@code partition} are buffered, not yet stored: always the last ones added to it. */
    public int pendingRecords(Partition partition) {
        PartitionBuffer buffer = buffers.get(partition);
        return buffer == null ? 0 : buffer.size();
    }

    /** How many records are buffered, not yet stored. */
    public int pendingRecords() {
        return buffers.values().stream().mapToInt(PartitionBuffer::size).sum();
    }

    /** One partition's records not yet stored, and the sequence its next batch gets. */
    private final class PartitionBuffer {

        private final Partition partition;
        private final List<PressRelease> records = new ArrayList<>();
        private int nextSequence = 1;

        PartitionBuffer(Partition partition) {
            this.partition = partition;
        }

        synchronized void add(PressRelease record) {
            records.add(record);
            while (records.size() >= settings.batchSize()) {
                writeFirst(settings.batchSize());
            }
        }

        synchronized void flush() {
            while (!records.isEmpty()) {
                writeFirst(Math.min(records.size(), settings.batchSize()));
            }
        }

        synchronized int size() {
            return records.size();
        }

        /** Writes the first {@code count} records as one batch and only then removes them from the buffer. */
        private void writeFirst(int count) {
            List<PressRelease> batch = List.copyOf(records.subList(0, count));
            ObjectKey key = partition.batchKey(nextName());
            byte[] content;
            try {
                content = codec.encode(batch, FileRole.BATCH);
            } catch (RuntimeException e) {
                throw new BatchWriteException(key, "encoding failed: " + e.getMessage(), e);
            }
            for (int attempt = 1; ; attempt++) {
                Either<StoreFailure, Generation> result;
                try {
                    result = store.createIfAbsent(key, content);
                } catch (RuntimeException e) {
                    throw new BatchWriteException(key, "the store raised " + e, e);
                }
                if (result.isRight()) {
                    records.subList(0, count).clear();
                    nextSequence++;
                    written.add(key);
                    return;
                }
                StoreFailure failure = result.getLeft();
                // Another writer holds this name: move on to the next sequence. Anything else is a real failure;
                // the sequence is kept, so a retry that finds its own earlier (ambiguous) write moves on too.
                if (!(failure instanceof StoreFailure.PreconditionFailed) || attempt >= NAME_ATTEMPTS) {
                    throw new BatchWriteException(key, failure);
                }
                nextSequence++;
                key = partition.batchKey(nextName());
            }
        }

        private BatchName nextName() {
            return new BatchName(nextSequence, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), unique);
        }
    }
}
