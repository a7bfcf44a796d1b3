package io.feedstore.adapters.parquet;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferReleaser;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * parquet's codec factory, except that ZSTD and snappy pages are compressed and decompressed in one call each
 * (save a ZSTD page longer than pages are made, which goes to zstd in pieces).
 *
 * <ul>
 *   <li><b>ZSTD</b> on a zstd context kept for the next page. parquet's own ZSTD codec streams each page through a
 *       new zstd stream (a new native context per page, the page fed in small pieces); handing the whole page to
 *       a kept context makes zstd's own one-shot frame, which any Parquet reader decodes, for a few percent less
 *       CPU (2-9% on the benchmark's texts at level 9, the same page size). Pages go to zstd through native
 *       buffers, never as pinned Java arrays, so a long compression never holds up the other threads'
 *       collections ({@link ZstdCompressor}).
 *   <li><b>snappy</b> straight through snappy-java's raw block calls, the very calls parquet's snappy codec makes
 *       once it has buffered a page: the same bytes. parquet's codec goes through a Hadoop codec whose streams read
 *       a Hadoop {@code Configuration}, and every new {@code Configuration} parses Hadoop's default XML resources on
 *       first use: since each file is read with a factory of its own, that was an XML parse per batch file read
 *       (about 2.5 ms of CPU each, warm; every consolidation reads each batch twice).
 * </ul>
 *
 * <p>Every other codec (gzip, uncompressed) is parquet's own factory, byte for byte what it was.
 *
 * <p>A writer's factory may also split a large ZSTD page over zstd's own worker threads ({@link #forWriter(
 * ParquetConfiguration, int, int, int)}): the page is cut into as many jobs as there are workers, and each job
 * starts with the whole window of the text before it (zstd's largest overlap), so it finds the same matches: the
 * page comes out nearly the same size, a few hundred bytes more at most (each job starts its entropy tables
 * afresh; on the benchmark's 23 MB text pages, within a byte). The frame is one standard frame, decoded like any
 * other, and the same bytes whatever the machine's load (zstd's jobs depend on the page and the job size only).
 * The parallel writer uses it for the last row group of a file, which would otherwise be compressed on one core
 * while the others wait.
 *
 * <p>One factory per writer or reader, used by that writer's or reader's thread only: zstd contexts must not be
 * shared between threads. {@code ParquetWriter} and {@code ParquetFileReader} release their factory when closed,
 * which frees the native contexts (they are created on the first page, so a factory that never sees a ZSTD page
 * holds none).
 */
final class OneShotCodecFactory implements CompressionCodecFactory {

    /** zstd's own default level; only a reader's factory has it, and a reader compresses nothing. */
    private static final int ZSTD_DEFAULT_LEVEL = 3;
    /**
     * The smallest job a split page is cut into: the window of ZSTD level 9 and above on large inputs (4 MiB),
     * so that each job's overlap is at most its own size. A page shorter than two such jobs is not split.
     */
    static final int SPLIT_MIN_JOB_BYTES = 4 * 1024 * 1024;
    /** zstd's largest overlap: each job sees the whole window before it. */
    private static final int FULL_WINDOW_OVERLAP = 9;

    private final CodecFactory parquet;
    private final int level;
    private final int zstdWorkers;
    private final int wholePageBytes;
    private final Map<Integer, ZstdCompressor> compressors = new HashMap<>();
    private ZstdDecompressor decompressor;

    private OneShotCodecFactory(CodecFactory parquet, int level, int zstdWorkers, int wholePageBytes) {
        this.parquet = parquet;
        this.level = level;
        this.zstdWorkers = zstdWorkers;
        this.wholePageBytes = wholePageBytes;
    }

    /**
     * For a writer: ZSTD pages at {@code zstdLevel}; other codecs take their settings (the gzip level) from
     * {@code configuration}, as parquet's default factory for a page size of {@code pageSize} would.
     */
    static OneShotCodecFactory forWriter(ParquetConfiguration configuration, int pageSize, int zstdLevel) {
        return forWriter(configuration, pageSize, zstdLevel, 1);
    }

    /**
     * As {@link #forWriter(ParquetConfiguration, int, int)}, with ZSTD pages of at least two {@link
     * #SPLIT_MIN_JOB_BYTES} compressed by {@code zstdWorkers} of zstd's threads at once (1: on the caller's thread).
     */
    static OneShotCodecFactory forWriter(
            ParquetConfiguration configuration, int pageSize, int zstdLevel, int zstdWorkers) {
        return forWriter(configuration, pageSize, zstdLevel, zstdWorkers, WHOLE_PAGE_BYTES);
    }

    /** As above, with ZSTD pages longer than {@code wholePageBytes} streamed to zstd in pieces; tests make it small. */
    static OneShotCodecFactory forWriter(
            ParquetConfiguration configuration, int pageSize, int zstdLevel, int zstdWorkers, int wholePageBytes) {
        if (zstdWorkers < 1) {
            throw new IllegalArgumentException("zstdWorkers must be at least 1, was " + zstdWorkers);
        }
        if (wholePageBytes < 1) {
            throw new IllegalArgumentException("wholePageBytes must be at least 1, was " + wholePageBytes);
        }
        return new OneShotCodecFactory(
                new CodecFactory(configuration, pageSize), zstdLevel, zstdWorkers, wholePageBytes);
    }

    /** For a reader, which only decompresses: a ZSTD frame decodes the same whatever level wrote it. */
    static OneShotCodecFactory forReader(ParquetConfiguration configuration) {
        return new OneShotCodecFactory(new CodecFactory(configuration, 0), ZSTD_DEFAULT_LEVEL, 1, WHOLE_PAGE_BYTES);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> zstd(level);
            case SNAPPY -> SnappyCompressor.INSTANCE;
            default -> parquet.getCompressor(codec);
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec, int level) {
        return switch (codec) {
            case ZSTD -> zstd(level);
            case SNAPPY -> SnappyCompressor.INSTANCE;
            default -> parquet.getCompressor(codec, level);
        };
    }

    private ZstdCompressor zstd(int level) {
        return compressors.computeIfAbsent(
                level, zstdLevel -> new ZstdCompressor(zstdLevel, zstdWorkers, wholePageBytes));
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> {
                if (decompressor == null) {
                    decompressor = new ZstdDecompressor();
                }
                yield decompressor;
            }
            case SNAPPY -> SnappyDecompressor.INSTANCE;
            default -> parquet.getDecompressor(codec);
        };
    }

    /** Frees the native zstd contexts and parquet's own codecs; safe to call more than once. */
    @Override
    public void release() {
        compressors.values().forEach(ZstdCompressor::release);
        compressors.clear();
        if (decompressor != null) {
            decompressor.release();
            decompressor = null;
        }
        parquet.release();
    }

    /**
     * Compresses a page as one zstd frame on a context kept for the next page, through native (direct) buffers
     * rather than Java arrays. zstd-jni pins a Java array for the whole of a call on it (a JNI critical region),
     * and while one thread held a large page pinned, for the half second that compressing it takes, no other
     * thread could get memory that needed a collection: the reading and encoding threads stood still behind one
     * compressing thread (a third of the benchmark's collections were "GCLocker initiated", and its second core
     * idled for seconds). Through direct buffers zstd runs outside any critical region.
     *
     * <p>A page up to {@link #WHOLE_PAGE_BYTES} (the factory's setting) is handed over whole, which is zstd's
     * one-shot compression: the same frame, bytes and speed as one call on arrays. A larger page (only a single
     * value larger than a page makes one) is streamed through in pieces of that size: still one frame, its size
     * pledged first, at a few percent more CPU. The buffers are the thread's ({@link PageBuffers}), kept for its
     * next page.
     */
    private static final class ZstdCompressor implements BytesInputCompressor {

        private final int level;
        private final int workers;
        private final int wholePageBytes;
        private ZstdCompressCtx context;
        /** zstd's workers and their context, made for the first page that is split. */
        private ZstdCompressCtx split;

        ZstdCompressor(int level, int workers, int wholePageBytes) {
            this.level = level;
            this.workers = workers;
            this.wholePageBytes = wholePageBytes;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            long length = bytes.size();
            ZstdCompressCtx zstd = context(length);
            Frame frame = new Frame(zstd, PageBuffers.forPage(length, wholePageBytes), wholePageBytes);
            try {
                zstd.setPledgedSrcSize(length);
                bytes.writeAllTo(frame);
                frame.finish();
            } catch (ZstdException e) {
                // The context is mid-frame: drop it, the next page starts a new one.
                discard(zstd);
                throw new IOException("ZSTD could not compress a page of " + length + " bytes: " + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                discard(zstd);
                throw e;
            }
            return BytesInput.from(frame.compressed, 0, frame.size);
        }

        /** One page's frame: the page's bytes go into the input buffer, the frame collects in an array. */
        private static final class Frame extends OutputStream {
            private final ZstdCompressCtx zstd;
            private final ByteBuffer in;
            private final ByteBuffer out;
            /** Bytes handed to zstd at a time: the whole page, or a piece of a longer one. */
            private final int piece;

            private byte[] compressed = new byte[0];
            private int size;

            Frame(ZstdCompressCtx zstd, PageBuffers buffers, int wholePageBytes) {
                this.zstd = zstd;
                this.in = buffers.in;
                this.out = buffers.out;
                this.piece = Math.min(in.capacity(), wholePageBytes);
                in.clear().limit(piece);
            }

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int offset, int length) {
                while (length > 0) {
                    if (!in.hasRemaining()) {
                        pump(EndDirective.CONTINUE);
                    }
                    int n = Math.min(length, in.remaining());
                    in.put(b, offset, n);
                    offset += n;
                    length -= n;
                }
            }

            void finish() {
                pump(EndDirective.END);
            }

            /** Hands zstd what the input buffer holds; with END, until the frame is complete. */
            private void pump(EndDirective op) {
                in.flip();
                boolean complete;
                do {
                    out.clear();
                    complete = zstd.compressDirectByteBufferStream(out, in, op);
                    out.flip();
                    append(out);
                } while (in.hasRemaining() || (op == EndDirective.END && !complete));
                in.clear().limit(piece);
            }

            private void append(ByteBuffer chunk) {
                int n = chunk.remaining();
                if (compressed.length - size < n) {
                    long grown = Math.max((long) compressed.length * 2, (long) size + n);
                    compressed = Arrays.copyOf(compressed, Math.toIntExact(grown));
                }
                chunk.get(compressed, size, n);
                size += n;
            }
        }

        private void discard(ZstdCompressCtx zstd) {
            zstd.close();
            if (zstd == context) {
                context = null;
            } else {
                split = null;
            }
        }

        /**
         * The context for a page of {@code length} bytes: one thread, or for a page of at least two minimal jobs,
         * zstd's workers on jobs of an equal share each.
         */
        private ZstdCompressCtx context(long length) {
            if (workers > 1 && length >= 2 * SPLIT_MIN_JOB_BYTES) {
                if (split == null) {
                    split = new ZstdCompressCtx()
                            .setLevel(level)
                            .setWorkers(workers)
                            .setOverlapLog(FULL_WINDOW_OVERLAP);
                }
                int share = Math.toIntExact((length + workers - 1) / workers);
                return split.setJobSize(Math.max(SPLIT_MIN_JOB_BYTES, share));
            }
            if (context == null) {
                context = new ZstdCompressCtx().setLevel(level);
            }
            return context;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            if (context != null) {
                context.close();
                context = null;
            }
            if (split != null) {
                split.close();
                split = null;
            }
        }
    }

    /** The largest page handed to zstd whole: a little over the largest page the writer makes. */
    static final int WHOLE_PAGE_BYTES = ParquetRecordCodec.ZSTD_PAGE_BYTES + 1024 * 1024;

    /**
     * A thread's native buffers for ZSTD pages: the input as large as the largest page it has compressed (at most
     * the whole-page size), the output as large as zstd's bound for that input, so a page's frame is made in
     * one call. They grow in whole MiB and are kept while the thread lives (at most about twice a page per
     * compressing thread), then freed with it.
     */
    private static final class PageBuffers {
        private static final int MIB = 1024 * 1024;
        private static final ThreadLocal<PageBuffers> OF_THREAD = new ThreadLocal<>();

        final ByteBuffer in;
        final ByteBuffer out;

        private PageBuffers(int capacity) {
            in = ByteBuffer.allocateDirect(capacity);
            out = ByteBuffer.allocateDirect(Math.toIntExact(Zstd.compressBound(capacity)));
        }

        /** Buffers for a page of {@code length}, or for its pieces of {@code wholePageBytes} when longer. */
        static PageBuffers forPage(long length, int wholePageBytes) {
            int wanted = (int) Math.min(wholePageBytes, (Math.max(length, 1) + MIB - 1) / MIB * MIB);
            PageBuffers buffers = OF_THREAD.get();
            if (buffers == null || buffers.in.capacity() < wanted) {
                // Grown, never shrunk: a thread that compressed a large page is about to compress more of them.
                buffers = new PageBuffers(wanted);
                OF_THREAD.set(buffers);
            }
            return buffers;
        }
    }

    /** A snappy page is one raw snappy block, as parquet's snappy codec writes it. Stateless. */
    private static final class SnappyCompressor implements BytesInputCompressor {

        static final SnappyCompressor INSTANCE = new SnappyCompressor();

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] page = bytes.toByteArray();
            byte[] compressed = new byte[Snappy.maxCompressedLength(page.length)];
            int size = Snappy.compress(page, 0, page.length, compressed, 0);
            return BytesInput.from(compressed, 0, size);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {}
    }

    /** A decompressor whose buffer form reads the page's slice and decompresses it as a whole page. */
    private interface WholePageDecompressor extends BytesInputDecompressor {
        @Override
        default void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            ByteBuffer compressed = input.slice();
            compressed.limit(compressedSize);
            output.put(decompress(BytesInput.from(compressed), decompressedSize).toByteArray());
            input.position(input.position() + compressedSize);
        }
    }

    /** Decompresses a page in one call into an array of the size its header gives. */
    private static final class ZstdDecompressor implements WholePageDecompressor {

        private ZstdDecompressCtx context;

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            byte[] page = new byte[decompressedSize];
            if (context == null) {
                context = new ZstdDecompressCtx();
            }
            // A heap page as read from the file is not copied: the releaser allocates only for other inputs.
            try (ByteBufferReleaser releaser = new ByteBufferReleaser(new HeapByteBufferAllocator())) {
                ByteBuffer in = bytes.toByteBuffer(releaser);
                int size = in.hasArray()
                        ? context.decompressByteArray(
                                page, 0, page.length, in.array(), in.arrayOffset() + in.position(), in.remaining())
                        : context.decompressDirectByteBufferToByteArray(
                                page, 0, page.length, in, in.position(), in.remaining());
                if (size != decompressedSize) {
                    throw new IOException(
                            "a ZSTD page decompressed to " + size + " bytes; its header says " + decompressedSize);
                }
            } catch (ZstdException e) {
                throw new IOException(
                        "a ZSTD page (" + bytes.size() + " bytes, " + decompressedSize
                                + " decompressed) does not decompress: " + e.getMessage(),
                        e);
            }
            return BytesInput.from(page);
        }

        @Override
        public void release() {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    /**
     * Decompresses a raw snappy block into an array of the size the page header gives, once the block's own
     * length header agrees with it (snappy-java writes into the array without checking its size). Stateless.
     */
    private static final class SnappyDecompressor implements WholePageDecompressor {

        static final SnappyDecompressor INSTANCE = new SnappyDecompressor();

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            byte[] block = bytes.toByteArray();
            int length;
            try {
                length = Snappy.uncompressedLength(block, 0, block.length);
            } catch (IOException | RuntimeException e) {
                throw new IOException(
                        "a snappy page (" + block.length + " bytes) has no readable length: " + e.getMessage(), e);
            }
            if (length != decompressedSize) {
                throw new IOException(
                        "a snappy page decompresses to " + length + " bytes; its header says " + decompressedSize);
            }
            byte[] page = new byte[decompressedSize];
            try {
                Snappy.uncompress(block, 0, block.length, page, 0);
            } catch (IOException | RuntimeException e) {
                throw new IOException(
                        "a snappy page (" + block.length + " bytes, " + decompressedSize
                                + " decompressed) does not decompress: " + e.getMessage(),
                        e);
            }
            return BytesInput.from(page);
        }

        @Override
        public void release() {}
    }
}
