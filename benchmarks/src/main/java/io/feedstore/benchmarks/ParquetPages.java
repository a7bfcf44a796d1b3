package io.feedstore.benchmarks;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;

/**
 * Walks the page headers of each column chunk (DuckDB writes no offset index, so headers are the only way): counts
 * the data pages of a column (page size matters to ZSTD: a larger page gives it more text to find repeats in), and
 * times ZSTD alone on a file's own pages.
 */
final class ParquetPages {

    private ParquetPages() {}

    static int dataPages(Path file, String column) {
        int[] pages = {0};
        eachPage(file, (chunk, header, data, channel) -> {
            if (chunk.getPath().toDotString().equals(column)
                    && (header.getType() == PageType.DATA_PAGE || header.getType() == PageType.DATA_PAGE_V2)) {
                pages[0]++;
            }
        });
        return pages[0];
    }

    /** ZSTD at one level on the uncompressed pages of a file, on one thread: the best of {@code rounds} timings. */
    record ZstdAlone(int pages, long uncompressedBytes, long compressedBytes, double seconds) {}

    /**
     * Decompresses every ZSTD page of {@code file} (data and dictionary pages of every column chunk), then times
     * compressing them all again at {@code level} on one thread, as a Parquet writer compresses each page: the cost
     * of compression alone, which any engine writing these pages at that level pays.
     */
    static ZstdAlone zstdAlone(Path file, int level, int rounds) {
        List<byte[]> pages = new ArrayList<>();
        eachPage(file, (chunk, header, data, channel) -> {
            if (chunk.getCodec() != CompressionCodecName.ZSTD) {
                throw new IOException(file + " holds a " + chunk.getCodec() + " column chunk, not ZSTD");
            }
            ByteBuffer compressed = ByteBuffer.allocate(header.getCompressed_page_size());
            while (compressed.hasRemaining()) {
                if (channel.read(compressed, data + compressed.position()) < 0) {
                    throw new IOException("page at " + data + " runs past the end of " + file);
                }
            }
            pages.add(Zstd.decompress(compressed.array(), header.getUncompressed_page_size()));
        });
        long uncompressed = pages.stream().mapToLong(p -> p.length).sum();
        long compressed = 0;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            compressed = 0;
            try (ZstdCompressCtx zstd = new ZstdCompressCtx()) {
                zstd.setLevel(level);
                for (byte[] page : pages) {
                    compressed += zstd.compress(page).length;
                }
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        return new ZstdAlone(pages.size(), uncompressed, compressed, best / 1e9);
    }

    /** One page as {@link #eachPage} finds it: its chunk, its header, where its data starts, the open file. */
    private interface PageVisitor {
        void page(ColumnChunkMetaData chunk, PageHeader header, long data, FileChannel channel) throws IOException;
    }

    /** Walks the page headers of every column chunk of {@code file}, in file order. */
    private static void eachPage(Path file, PageVisitor visitor) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file));
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    long position = chunk.getStartingPos();
                    long end = position + chunk.getTotalSize();
                    while (position < end) {
                        channel.position(position);
                        CountingStream in =
                                new CountingStream(new BufferedInputStream(Channels.newInputStream(channel), 256));
                        PageHeader header = Util.readPageHeader(in);
                        long data = position + in.count;
                        visitor.page(chunk, header, data, channel);
                        position = data + header.getCompressed_page_size();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the pages of " + file, e);
        }
    }

    /** Counts the bytes the header decoder consumed, to know where the page's data starts. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private long count;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
