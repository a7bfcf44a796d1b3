package io.feedstore.adapters.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferReleaser;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * parquet's codec factory, except that a ZSTD page is compressed and decompressed in one call on a zstd context
 * that is kept for the next page. parquet's own ZSTD codec streams each page through a new zstd stream (a new
 * native context per page, the page fed in small pieces); one call on a kept context makes zstd's own one-shot
 * frame, which any Parquet reader decodes, for a few percent less CPU (2-9% on the benchmark's texts at level 9,
 * the same page size). Every other codec is parquet's own factory, so snappy, gzip and uncompressed pages are
 * byte for byte what they were.
 *
 * <p>One factory per writer or reader, used by that writer's or reader's thread only: zstd contexts must not be
 * shared between threads. {@code ParquetWriter} and {@code ParquetFileReader} release their factory when closed,
 * which frees the native contexts (they are created on the first page, so a factory that never sees a ZSTD page
 * holds none).
 */
final class OneShotZstdCodecFactory implements CompressionCodecFactory {

    /** zstd's own default level; only a reader's factory has it, and a reader compresses nothing. */
    private static final int ZSTD_DEFAULT_LEVEL = 3;

    private final CodecFactory parquet;
    private final int level;
    private final Map<Integer, Compressor> compressors = new HashMap<>();
    private Decompressor decompressor;

    private OneShotZstdCodecFactory(CodecFactory parquet, int level) {
        this.parquet = parquet;
        this.level = level;
    }

    /**
     * For a writer: ZSTD pages at {@code zstdLevel}; other codecs take their settings (the gzip level) from
     * {@code configuration}, as parquet's default factory for a page size of {@code pageSize} would.
     */
    static OneShotZstdCodecFactory forWriter(ParquetConfiguration configuration, int pageSize, int zstdLevel) {
        return new OneShotZstdCodecFactory(new CodecFactory(configuration, pageSize), zstdLevel);
    }

    /** For a reader, which only decompresses: a ZSTD frame decodes the same whatever level wrote it. */
    static OneShotZstdCodecFactory forReader(ParquetConfiguration configuration) {
        return new OneShotZstdCodecFactory(new CodecFactory(configuration, 0), ZSTD_DEFAULT_LEVEL);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.ZSTD ? zstd(level) : parquet.getCompressor(codec);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec, int level) {
        return codec == CompressionCodecName.ZSTD ? zstd(level) : parquet.getCompressor(codec, level);
    }

    private Compressor zstd(int level) {
        return compressors.computeIfAbsent(level, Compressor::new);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            return parquet.getDecompressor(codec);
        }
        if (decompressor == null) {
            decompressor = new Decompressor();
        }
        return decompressor;
    }

    /** Frees the native zstd contexts and parquet's own codecs; safe to call more than once. */
    @Override
    public void release() {
        compressors.values().forEach(Compressor::release);
        compressors.clear();
        if (decompressor != null) {
            decompressor.release();
            decompressor = null;
        }
        parquet.release();
    }

    /**
     * Compresses a page in one call. The page is first copied into one array (zstd's one-shot API reads one
     * contiguous input, and parquet hands the page over in pieces); both that copy and the output are dropped
     * after the page, so between pages a writer holds no compression buffer.
     */
    private static final class Compressor implements BytesInputCompressor {

        private final int level;
        private ZstdCompressCtx context;

        Compressor(int level) {
            this.level = level;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] page = bytes.toByteArray();
            byte[] compressed = new byte[Math.toIntExact(Zstd.compressBound(page.length))];
            if (context == null) {
                context = new ZstdCompressCtx().setLevel(level);
            }
            try {
                int size = context.compressByteArray(compressed, 0, compressed.length, page, 0, page.length);
                return BytesInput.from(compressed, 0, size);
            } catch (ZstdException e) {
                throw new IOException(
                        "ZSTD could not compress a page of " + page.length + " bytes: " + e.getMessage(), e);
            }
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
        }
    }

    /** Decompresses a page in one call into an array of the size its header gives. */
    private static final class Decompressor implements BytesInputDecompressor {

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
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            ByteBuffer compressed = input.slice();
            compressed.limit(compressedSize);
            output.put(decompress(BytesInput.from(compressed), decompressedSize).toByteArray());
            input.position(input.position() + compressedSize);
        }

        @Override
        public void release() {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }
}
