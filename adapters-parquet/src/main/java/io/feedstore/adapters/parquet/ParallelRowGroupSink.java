package io.feedstore.adapters.parquet;

import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A streaming encoder that uses every core: each row group is encoded (and, the costly part, compressed) on a
 * worker as a small Parquet file of its own, exactly as the sequential writer would encode it; the finished
 * groups' column chunks are then copied, in order and byte for byte, with their page indexes, into the one output
 * file. Row groups, pages, encodings and compression are those of {@link ParquetRecordCodec#encode}; only the work
 * is spread. At most {@code threads} groups are being encoded and one more waits its turn; groups already encoded
 * wait as compressed bytes for the older ones to be appended, all within a budget of bytes, so memory stays a few
 * row groups.
 *
 * <p>The last row group would be compressed on one core while the others, done with theirs, wait: its large ZSTD
 * pages are therefore split over {@code threads} of zstd's own workers ({@link OneShotCodecFactory}), which gives
 * frames of nearly the same size (a few hundred bytes more a page). Which group is last is known from the rows alone (a full group is
 * handed on when the next row arrives, the last one at {@link #close}), so the file's bytes do not depend on timing.
 */
final class ParallelRowGroupSink implements RecordSink {

    private final EncodingOptions options;
    private final OutputStream out;
    private final int threads;
    private final ExecutorService pool;
    private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
    /** Estimated bytes of the rows of each pending group, in the same order. */
    private final Deque<Long> pendingSizes = new ArrayDeque<>();

    private long pendingBytes;
    private long currentBytes;
    /**
     * Rows in flight beyond the group being filled: a sixteenth of the heap. Encoding a group holds, besides its
     * rows, about as much again in page buffers and, while ZSTD compresses a page, two more copies of that page
     * (pages are at most a thirty-second of the heap, {@link ParquetRecordCodec#zstdPageBytes}, and at most the
     * group's own text): so the groups in flight take at most about four times this budget, a quarter of the
     * heap. A group larger than that is encoded while the caller waits, as a sequential writer would, so a small
     * heap never holds two large groups; with a first group that large the plain sequential writer is used. At
     * 256 MB and rows of a few KB that is the sequential writer; from about 512 MB the groups are compressed on
     * every core. The group being filled is bounded by it too: it is handed on as soon as its rows reach the
     * budget, even short of the row count (as parquet's own writer bounds a row group by bytes), so rows of
     * megabyte texts never pile up ten thousand at a time.
     */
    private final long budget;

    private final GroupEncoder encodeGroup;
    /** Notified whenever a group's encoding is done. */
    private final Object progress = new Object();

    private List<StoredRow> current;
    /** Whether {@link #current} is complete: it is handed on when the next row arrives, or as the last group. */
    private boolean currentFull;

    private ParquetFileWriter file;
    /** The plain writer, used instead when even the first group is too large to hold twice. */
    private ParquetWriter<StoredRow> sequential;

    private Map<String, String> keyValueMetadata = StoredRowWriteSupport.METADATA;
    private long written;
    private boolean closed;

    ParallelRowGroupSink(EncodingOptions options, OutputStream out, int threads) {
        this(options, out, threads, Runtime.getRuntime().maxMemory() / 16);
    }

    /** With a {@code budget} of bytes of rows in flight; tests make it small. */
    ParallelRowGroupSink(EncodingOptions options, OutputStream out, int threads, long budget) {
        this(
                options,
                out,
                threads,
                budget,
                (rows, last) -> ParquetRecordCodec.encodeStored(rows, options, last ? threads : 1));
    }

    /** With the encoding of one group as a small Parquet file; tests slow some groups down. */
    ParallelRowGroupSink(
            EncodingOptions options, OutputStream out, int threads, long budget, GroupEncoder encodeGroup) {
        this.encodeGroup = Objects.requireNonNull(encodeGroup, "encodeGroup");
        this.budget = budget;
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "feedstore-parquet-encoder");
            thread.setDaemon(true);
            return thread;
        });
        this.current = new ArrayList<>(Math.min(options.rowGroupRows(), 10_000));
    }

    @Override
    public void write(PressRelease record) throws IOException {
        write(StoredRow.of(Objects.requireNonNull(record, "record")));
    }

    /** Copies the checked row's bytes into the file: the same bytes its record gives. */
    @Override
    public void write(StoredRow row) throws IOException {
        Objects.requireNonNull(row, "row");
        if (currentFull) {
            // May switch to the sequential writer (a first group too large to hold twice), which takes this row.
            submitCurrent(false);
        }
        if (sequential != null) {
            sequential.write(row);
            written++;
            return;
        }
        current.add(row);
        currentBytes += row.size();
        written++;
        currentFull = current.size() == options.rowGroupRows() || currentBytes > budget;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!current.isEmpty()) {
                submitCurrent(true);
            }
            if (sequential != null) {
                sequential.close();
                return;
            }
            while (!pending.isEmpty()) {
                appendNext();
            }
            start();
            file.end(keyValueMetadata);
        } finally {
            pool.shutdownNow();
        }
    }

    private void submitCurrent(boolean last) throws IOException {
        List<StoredRow> group = current;
        long groupBytes = currentBytes;
        current = new ArrayList<>(Math.min(options.rowGroupRows(), 10_000));
        currentBytes = 0;
        currentFull = false;
        if (file == null && pending.isEmpty() && groupBytes > budget) {
            // Rows this large for this heap: encode as the sequential writer does, straight into the output.
            sequential = ParquetRecordCodec.writer(new StreamOutputFile(out), options);
            for (StoredRow row : group) {
                sequential.write(row);
            }
            return;
        }
        // Groups are appended oldest first, but a worker is never kept waiting for that: finished groups wait
        // (as their compressed bytes, within the budget below) until the groups before them are done, and one group
        // more than there are workers waits to be encoded, so a worker done with a group starts on the next at once.
        appendFinished();
        while (encoding() > threads) {
            awaitAGroupEncoded();
            appendFinished();
        }
        GroupEncoding encoding = new GroupEncoding(group, last);
        pool.execute(encoding);
        pending.add(encoding);
        pendingSizes.add(groupBytes);
        pendingBytes += groupBytes;
        while (!pending.isEmpty() && pendingBytes > budget) {
            appendNext();
        }
    }

    /** Appends the groups at the head of the queue that are already encoded, without waiting. */
    private void appendFinished() throws IOException {
        while (!pending.isEmpty() && pending.peek().isDone()) {
            appendNext();
        }
    }

    /** Groups submitted and not yet encoded: being encoded, or waiting for a worker. */
    private int encoding() {
        int count = 0;
        for (Future<byte[]> group : pending) {
            if (!group.isDone()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Waits until no more groups are unfinished than there are workers: until any of them is done, whichever it is,
     * so a slow oldest group does not hold up the rest. A failed group counts as done; its failure is raised when it
     * is appended, in order.
     */
    private void awaitAGroupEncoded() throws IOException {
        synchronized (progress) {
            while (encoding() > threads) {
                try {
                    progress.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while a row group was being encoded");
                }
            }
        }
    }

    /** A group's encoding, which tells the writer when it is done (encoded or failed). */
    private final class GroupEncoding extends FutureTask<byte[]> {
        GroupEncoding(List<StoredRow> group, boolean last) {
            super(() -> encodeGroup.encode(group, last));
        }

        @Override
        protected void done() {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** Encodes one row group as a small Parquet file; {@code last} for the file's last group. */
    @FunctionalInterface
    interface GroupEncoder {
        byte[] encode(List<StoredRow> rows, boolean last);
    }

    /** Copies the oldest finished group's column chunks, with their column and offset indexes, into the file. */
    private void appendNext() throws IOException {
        byte[] group;
        try {
            group = pending.poll().get();
            pendingBytes -= pendingSizes.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a row group was being encoded");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("encoding a row group failed: " + cause.getMessage(), cause);
        }
        start();
        InMemoryInputFile input = new InMemoryInputFile(group);
        try (ParquetFileReader reader = ParquetFileReader.open(
                        input,
                        ParquetReadOptions.builder(new PlainParquetConfiguration())
                                .build());
                SeekableInputStream stream = input.newStream()) {
            keyValueMetadata = reader.getFileMetaData().getKeyValueMetaData();
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                file.startBlock(block.getRowCount());
                List<ColumnDescriptor> columns = ProductionSchema.SCHEMA.getColumns();
                List<ColumnChunkMetaData> chunks = block.getColumns();
                for (int c = 0; c < chunks.size(); c++) {
                    ColumnChunkMetaData chunk = chunks.get(c);
                    file.appendColumnChunk(
                            columns.get(c),
                            stream,
                            chunk,
                            null,
                            reader.readColumnIndex(chunk),
                            reader.readOffsetIndex(chunk));
                }
                file.endBlock();
            }
        }
    }

    private void start() throws IOException {
        if (file != null) {
            return;
        }
        file = new ParquetFileWriter(
                new StreamOutputFile(out),
                ProductionSchema.SCHEMA,
                ParquetFileWriter.Mode.OVERWRITE,
                128L * 1024 * 1024,
                0,
                null,
                ParquetProperties.builder().build());
        file.start();
    }
}
