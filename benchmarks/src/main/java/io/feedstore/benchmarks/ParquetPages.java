package io.feedstore.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * Counts the data pages of a column by walking the page headers of each column chunk (DuckDB writes no offset
 * index, so headers are the only way). Page size matters to ZSTD: a larger page gives it more text to find
 * repeats in.
 */
final class ParquetPages {

    private ParquetPages() {}

    static int dataPages(Path file, String column) {
        int pages = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file));
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (!chunk.getPath().toDotString().equals(column)) {
                        continue;
                    }
                    long position = chunk.getStartingPos();
                    long end = position + chunk.getTotalSize();
                    while (position < end) {
                        channel.position(position);
                        CountingStream in =
                                new CountingStream(new BufferedInputStream(Channels.newInputStream(channel), 256));
                        PageHeader header = Util.readPageHeader(in);
                        if (header.getType() == PageType.DATA_PAGE || header.getType() == PageType.DATA_PAGE_V2) {
                            pages++;
                        }
                        position += in.count + header.getCompressed_page_size();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the page headers of " + file, e);
        }
        return pages;
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
