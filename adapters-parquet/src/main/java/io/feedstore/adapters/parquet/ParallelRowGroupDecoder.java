package io.feedstore.adapters.parquet;

import io.feedstore.domain.codec.DecodeFailure;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Decodes a file's row groups on several threads, each with a reader of its own over the footer already read,
 * putting every row through a mapping on the thread that decoded it; the mapped rows are handed over on the calling
 * thread in file order. At most {@code threads} groups are decoded at once and one more is queued, each held as its
 * mapped rows only, so a mapping to something small (a key and a digest) keeps memory to a few row groups' worth of
 * those.
 */
final class ParallelRowGroupDecoder<R, T> {

    private final InputFile input;
    /** Options per reader: a codec factory keeps one (not thread-safe) decompressor per codec. */
    private final Supplier<ParquetReadOptions> options;

    private final ParquetMetadata footer;
    private final FileLayout layout;
    private final Function<FileLayout, RecordMaterializer<R>> materializer;
    /** A row's mapping, or the rule it breaks. */
    private final Function<R, Either<String, T>> map;

    ParallelRowGroupDecoder(
            InputFile input,
            Supplier<ParquetReadOptions> options,
            ParquetMetadata footer,
            FileLayout layout,
            Function<FileLayout, RecordMaterializer<R>> materializer,
            Function<R, Either<String, T>> map) {
        this.input = input;
        this.options = options;
        this.footer = footer;
        this.layout = layout;
        this.materializer = materializer;
        this.map = map;
    }

    /** Hands every mapped row to {@code results} in file order; stops at the first row that cannot be decoded. */
    Either<DecodeFailure, Long> run(Consumer<? super T> results, int threads) throws IOException {
        List<BlockMetaData> groups = footer.getBlocks();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "feedstore-parquet-decoder");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<Group<T>>> pending = new ArrayDeque<>();
            long firstRow = 0;
            long handed = 0;
            int next = 0;
            while (next < groups.size() || !pending.isEmpty()) {
                // One group queued beyond the threads: groups are handed on oldest first, so a thread done with a
                // younger group would otherwise idle until the oldest is finished.
                while (next < groups.size() && pending.size() <= threads) {
                    int group = next++;
                    long first = firstRow;
                    firstRow += groups.get(group).getRowCount();
                    pending.add(pool.submit(() -> group(group, first)));
                }
                Group<T> group = await(pending.poll());
                group.rows().forEach(results);
                handed += group.rows().size();
                if (group.failure() != null) {
                    return Either.left(group.failure());
                }
            }
            return Either.right(handed);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One row group's mapped rows, up to the first that cannot be decoded, and then why ({@code null}: none). */
    private record Group<T>(List<T> rows, DecodeFailure failure) {}

    private Group<T> group(int group, long firstRow) {
        List<T> mapped = new ArrayList<>();
        long good = 0;
        ParquetReadOptions readOptions = options.get();
        ParquetFileReader opened;
        try {
            opened = ParquetFileReader.open(input, footer, readOptions, input.newStream());
        } catch (IOException | RuntimeException e) {
            readOptions.getCodecFactory().release();
            return new Group<>(
                    mapped,
                    new DecodeFailure("corrupt Parquet data after " + firstRow + " good rows: "
                            + ParquetRecordCodec.describe(e)));
        }
        // The reader releases its options' codecs when it closes.
        try (ParquetFileReader reader = opened) {
            reader.setRequestedSchema(layout.projection());
            MessageColumnIO columns = new ColumnIOFactory(
                            footer.getFileMetaData().getCreatedBy())
                    .getColumnIO(layout.projection(), footer.getFileMetaData().getSchema());
            PageReadStore rowGroup = reader.readRowGroup(group);
            RecordReader<R> rows = columns.getRecordReader(rowGroup, materializer.apply(layout));
            for (long n = rowGroup.getRowCount(); good < n; good++) {
                Either<String, T> row = map.apply(rows.read());
                if (row.isLeft()) {
                    return new Group<>(mapped, ParquetRecordCodec.rowFailure(firstRow + good + 1, row.getLeft()));
                }
                mapped.add(row.get());
            }
            return new Group<>(mapped, null);
        } catch (WireRecordMaterializer.MalformedText e) {
            return new Group<>(mapped, ParquetRecordCodec.rowFailure(firstRow + good + 1, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return new Group<>(
                    mapped,
                    new DecodeFailure("corrupt Parquet data after " + (firstRow + good) + " good rows: "
                            + ParquetRecordCodec.describe(e)));
        }
    }

    private static <R> R await(Future<R> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while a row group was being decoded");
        } catch (ExecutionException e) {
            throw new IOException("decoding a row group failed: " + e.getCause(), e.getCause());
        }
    }
}
