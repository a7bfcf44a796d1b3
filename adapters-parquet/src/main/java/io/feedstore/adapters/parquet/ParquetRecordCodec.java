package io.feedstore.adapters.parquet;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.codec.RowKeys;
import io.feedstore.domain.release.CheckedRow;
import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.ObjectContent;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * The record-codec port on parquet-hadoop, entirely in memory (no Hadoop FileSystem). ZSTD goes through zstd-jni
 * one page at a time ({@link OneShotCodecFactory}); snappy through snappy-java; GZIP through Hadoop's
 * pure-Java gzip compressor (the JDK's zlib). None needs Hadoop's native libraries.
 */
public final class ParquetRecordCodec implements RecordCodec {

    /** parquet-hadoop's key for the level of its own ZSTD codec (which {@link #writer} replaces). */
    static final String ZSTD_LEVEL = "parquet.compression.codec.zstd.level";
    /** Hadoop's key for the zlib (GZIP) level; it takes the names of ZlibCompressor.CompressionLevel. */
    static final String GZIP_LEVEL = "zlib.compress.level";

    /** Page size of ZSTD files (the consolidated file); see {@link #zstdPageBytes}. */
    static final int ZSTD_PAGE_BYTES = zstdPageBytes(Runtime.getRuntime().maxMemory());

    private static final String[] GZIP_LEVEL_NAMES = {
        "NO_COMPRESSION", "BEST_SPEED", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "BEST_COMPRESSION"
    };

    private final Map<FileRole, EncodingOptions> encodings;
    private final int threads;

    /** Batches as snappy, the consolidated file as ZSTD 9, both in row groups of 10,000 rows; up to 4 threads. */
    public ParquetRecordCodec() {
        this(EncodingOptions.BATCH, EncodingOptions.CONSOLIDATED, defaultThreads());
    }

    /** Encodes each {@link FileRole} as given; streams and reads large files on up to {@code threads} threads. */
    public ParquetRecordCodec(EncodingOptions batch, EncodingOptions consolidated, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.encodings = new EnumMap<>(FileRole.class);
        this.encodings.put(FileRole.BATCH, Objects.requireNonNull(batch, "batch"));
        this.encodings.put(FileRole.CONSOLIDATED, Objects.requireNonNull(consolidated, "consolidated"));
        this.threads = threads;
    }

    /** The machine's cores, up to 4 (each holds a row group in memory). */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** How files of {@code role} are encoded. */
    public EncodingOptions encoding(FileRole role) {
        return encodings.get(Objects.requireNonNull(role, "role"));
    }

    @Override
    public byte[] encode(List<PressRelease> records, FileRole role) {
        return encode(records, encoding(role));
    }

    @Override
    public RecordSink encoder(FileRole role, OutputStream out) {
        return encoder(encoding(role), out);
    }

    @Override
    public <T> Either<DecodeFailure, Long> decodeMapped(
            ObjectContent file, Function<PressRelease, ? extends T> map, Consumer<? super T> results) {
        return decodeMapped(file, map, results, threads);
    }

    /** The records as one file encoded with {@code options}, whatever its role. */
    public byte[] encode(List<PressRelease> records, EncodingOptions options) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(options, "options");
        InMemoryOutputFile file = new InMemoryOutputFile();
        try (ParquetWriter<StoredRow> writer = writer(file, options)) {
            for (int i = 0; i < records.size(); i++) {
                PressRelease record = records.get(i);
                if (record == null) {
                    throw new NullPointerException("record " + (i + 1) + " of " + records.size() + " is null");
                }
                writer.write(StoredRow.of(record));
            }
        } catch (IOException e) {
            // Nothing here touches a disk or a network: an I/O failure means parquet itself broke.
            throw new UncheckedIOException(
                    "encoding " + records.size() + " press releases as Parquet with " + options + " failed: "
                            + e.getMessage(),
                    e);
        }
        return file.toByteArray();
    }

    /** Checked rows as one file encoded with {@code options}: the same bytes {@link #encode} gives for their records. */
    static byte[] encodeStored(List<StoredRow> rows, EncodingOptions options) {
        return encodeStored(rows, options, 1);
    }

    /**
     * As {@link #encodeStored(List, EncodingOptions)}, with large ZSTD pages compressed by {@code zstdWorkers} of
     * zstd's threads ({@link OneShotCodecFactory}): the same rows, pages and encodings, ZSTD frames of the same size
     * to within a few hundred bytes a page.
     */
    static byte[] encodeStored(List<StoredRow> rows, EncodingOptions options, int zstdWorkers) {
        InMemoryOutputFile file = new InMemoryOutputFile();
        try (ParquetWriter<StoredRow> writer = writer(
                file,
                options,
                OneShotCodecFactory.forWriter(
                        configuration(options), pageBytes(options), options.level(), zstdWorkers))) {
            for (StoredRow row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "encoding " + rows.size() + " rows as Parquet with " + options + " failed: " + e.getMessage(), e);
        }
        return file.toByteArray();
    }

    /**
     * Writes row group after row group into {@code out}, encoding and compressing the groups on every core
     * ({@link ParallelRowGroupSink}); only a few row groups are in memory at once.
     */
    public RecordSink encoder(EncodingOptions options, OutputStream out) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        return new ParallelRowGroupSink(options, out, threads);
    }

    static ParquetWriter<StoredRow> writer(OutputFile file, EncodingOptions options) throws IOException {
        return writer(
                file,
                options,
                OneShotCodecFactory.forWriter(configuration(options), pageBytes(options), options.level()));
    }

    /**
     * The writer with {@code codecs}, which it releases when it closes. Tests compare ours with parquet's own
     * factory built from {@link #configuration} and {@link #pageBytes}.
     */
    static ParquetWriter<StoredRow> writer(OutputFile file, EncodingOptions options, CompressionCodecFactory codecs)
            throws IOException {
        return new Writer(file)
                .withConf(configuration(options))
                .withCodecFactory(codecs)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(codec(options.compression()))
                // The row count bound is exact: parquet checks it after every row. The byte bound (default
                // 128 MiB) stays so that a group of megabyte texts cannot grow without limit in memory.
                .withRowGroupRowCountLimit(options.rowGroupRows())
                // Values unique per row gain nothing from a dictionary but the cost of hashing every one.
                .withDictionaryEncoding(WireRecord.PRESS_RELEASE_ID, false)
                .withDictionaryEncoding(WireRecord.TITLE, false)
                .withDictionaryEncoding(WireRecord.FULL_TEXT, false)
                .withDictionaryEncoding(WireRecord.SOURCE_URL, false)
                // Timestamps are nearly unique per row too: parquet would hash every one into a dictionary, then
                // find it no smaller than the plain values and write those instead (DuckDB writes them plain).
                .withDictionaryEncoding(WireRecord.RELEASE_TS_UTC, false)
                .withDictionaryEncoding(WireRecord.INGESTED_AT, false)
                // No reader prunes on a press release's text, and min/max of texts are whole texts (up to 4 KB
                // in every row group's metadata, 64 bytes a page in the column index); without statistics
                // parquet writes no column index for these columns either. Ids, dates and timestamps keep both.
                .withStatisticsEnabled(WireRecord.TITLE, false)
                .withStatisticsEnabled(WireRecord.FULL_TEXT, false)
                .withStatisticsEnabled(WireRecord.SOURCE_URL, false)
                // ZSTD compresses each page on its own: larger pages let it find the texts' shared phrases
                // across more press releases. Snappy batches keep parquet's default.
                .withPageSize(pageBytes(options))
                .build();
    }

    static int pageBytes(EncodingOptions options) {
        return options.compression() == Compression.ZSTD ? ZSTD_PAGE_BYTES : ParquetProperties.DEFAULT_PAGE_SIZE;
    }

    /**
     * The largest ZSTD page for a heap of {@code maxHeap} bytes. A page starts ZSTD afresh (no history, new
     * tables), so fewer, larger pages compress better; DuckDB writes one page per column chunk. While a page
     * is compressed it is held three times: parquet's page buffer, the one contiguous copy zstd's one-shot call
     * reads, and the output. So a page is at most a thirty-second of the heap (the three copies about a tenth;
     * consolidating texts twice the size of a 128 MB heap fits with 8 MiB pages, not with 12 MiB): 8 MiB at
     * -Xmx256m, as before; from -Xmx1g the 32 MiB cap, which holds a whole row group of 10,000 press releases of a
     * few KB in one page. The cap keeps a group of megabyte texts bounded; parquet's 1 MiB default is the floor.
     */
    static int zstdPageBytes(long maxHeap) {
        long mib = 1024 * 1024;
        return (int) Math.max(mib, Math.min(32 * mib, maxHeap / 32));
    }

    @Override
    public Either<DecodeFailure, List<PressRelease>> decode(byte[] file) {
        Objects.requireNonNull(file, "file");
        List<PressRelease> records = new ArrayList<>();
        return decode(new InMemoryInputFile(file), file.length + " bytes", records::add)
                .map(n -> records);
    }

    /** Reads one row group at a time through ranged reads of the content. */
    @Override
    public Either<DecodeFailure, Long> decode(ObjectContent file, Consumer<PressRelease> rows) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rows, "rows");
        return decode(new ContentInputFile(file), file.key() + ", " + file.size() + " bytes", rows);
    }

    /** Reads one row group at a time, handing each row over as its columns hold it, whatever rule it breaks. */
    @Override
    public Either<DecodeFailure, Long> decodeWire(ObjectContent file, Consumer<WireRecord> rows) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rows, "rows");
        return read(
                new ContentInputFile(file),
                file.key() + ", " + file.size() + " bytes",
                (reader, layout) -> readEach(reader, layout, new WireRecordMaterializer(layout), wire -> {
                    rows.accept(wire);
                    return null;
                }));
    }

    /**
     * Reads only the two key columns' pages (Parquet is columnar: the texts are never read, decompressed or turned
     * into strings); a row without an id, or with an {@code ingested_at} {@link #decode} would refuse, is refused
     * in the same words.
     */
    @Override
    public Either<DecodeFailure, Long> decodeKeys(ObjectContent file, RowKeys keys) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keys, "keys");
        return read(
                new ContentInputFile(file),
                file.key() + ", " + file.size() + " bytes",
                (reader, layout) -> readKeys(reader, layout.keys(), keys));
    }

    /**
     * Decodes the row groups on up to {@code threads} threads, each row mapped on the thread that decoded it; a file
     * of one row group is decoded as {@link #decode(ObjectContent, Consumer)} does.
     */
    public <T> Either<DecodeFailure, Long> decodeMapped(
            ObjectContent file, Function<PressRelease, ? extends T> map, Consumer<? super T> results, int threads) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(results, "results");
        InputFile input = new ContentInputFile(file);
        return read(input, file.key() + ", " + file.size() + " bytes", (reader, layout) -> {
            if (threads < 2 || reader.getRowGroups().size() < 2) {
                return readRows(reader, layout, r -> results.accept(map.apply(r)));
            }
            return new ParallelRowGroupDecoder<WireRecord, T>(
                            input,
                            ParquetRecordCodec::readOptions,
                            reader.getFooter(),
                            layout,
                            WireRecordMaterializer::new,
                            wire -> wire.toPressReleaseOfUtf8().<T>map(map).mapLeft(InvalidPressRelease::getMessage))
                    .run(results, threads);
        });
    }

    /**
     * Each row as the file holds it and {@link StoredRow#check() checks} it: the texts are copied as bytes, never
     * decoded into strings. Refuses the file where {@link #decode(ObjectContent, Consumer)} would, in its words.
     */
    @Override
    public Either<DecodeFailure, Long> decodeChecked(ObjectContent file, Consumer<CheckedRow> rows) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rows, "rows");
        return read(
                new ContentInputFile(file),
                file.key() + ", " + file.size() + " bytes",
                (reader, layout) -> readEach(reader, layout, new StoredRowMaterializer(layout), row -> {
                    Either<InvalidPressRelease, CheckedRow> checked = row.check();
                    if (checked.isLeft()) {
                        return checked.getLeft().getMessage();
                    }
                    rows.accept(checked.get());
                    return null;
                }));
    }

    @Override
    public <T> Either<DecodeFailure, Long> decodeStoredMapped(
            ObjectContent file, Function<StoredRow, ? extends T> map, Consumer<? super T> results) {
        return decodeStoredMapped(file, map, results, threads);
    }

    /** The rows as stored, unchecked, decoded on up to {@code threads} threads as {@link #decodeMapped} does. */
    public <T> Either<DecodeFailure, Long> decodeStoredMapped(
            ObjectContent file, Function<StoredRow, ? extends T> map, Consumer<? super T> results, int threads) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(results, "results");
        InputFile input = new ContentInputFile(file);
        return read(input, file.key() + ", " + file.size() + " bytes", (reader, layout) -> {
            if (threads < 2 || reader.getRowGroups().size() < 2) {
                return readEach(reader, layout, new StoredRowMaterializer(layout), row -> {
                    results.accept(map.apply(row));
                    return null;
                });
            }
            return new ParallelRowGroupDecoder<StoredRow, T>(
                            input,
                            ParquetRecordCodec::readOptions,
                            reader.getFooter(),
                            layout,
                            StoredRowMaterializer::new,
                            row -> Either.<String, T>right(map.apply(row)))
                    .run(results, threads);
        });
    }

    private static Either<DecodeFailure, Long> decode(InputFile input, String what, Consumer<PressRelease> rows) {
        return read(input, what, (reader, layout) -> readRows(reader, layout, rows));
    }

    /** What is done with an open file whose columns were found. */
    private interface Body {
        Either<DecodeFailure, Long> read(ParquetFileReader reader, FileLayout layout) throws IOException;
    }

    /**
     * How every file is read, with a codec factory of its own (its ZSTD contexts are not thread-safe) that the
     * reader releases when it closes.
     */
    private static ParquetReadOptions readOptions() {
        PlainParquetConfiguration configuration = new PlainParquetConfiguration();
        // Pages carry a CRC (parquet writes one by default); checking it turns a flipped bit into a failure
        // instead of a silently different record.
        return ParquetReadOptions.builder(configuration)
                .usePageChecksumVerification(true)
                .withCodecFactory(OneShotCodecFactory.forReader(configuration))
                .build();
    }

    private static Either<DecodeFailure, Long> read(InputFile input, String what, Body body) {
        ParquetReadOptions options = readOptions();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(input, options);
        } catch (IOException | RuntimeException e) {
            options.getCodecFactory().release();
            return Either.left(new DecodeFailure("not a readable Parquet file (" + what + "): " + describe(e)));
        }
        try (reader) {
            Either<DecodeFailure, FileLayout> layout =
                    FileLayout.of(reader.getFileMetaData().getSchema());
            return layout.isLeft() ? Either.left(layout.getLeft()) : body.read(reader, layout.get());
        } catch (IOException | RuntimeException e) {
            return Either.left(new DecodeFailure("corrupt Parquet file (" + what + "): " + describe(e)));
        }
    }

    private static Either<DecodeFailure, Long> readRows(
            ParquetFileReader reader, FileLayout layout, Consumer<PressRelease> sink) {
        // The materializer refuses text that is not well-formed UTF-8, so its strings hold no unpaired surrogate.
        return readEach(reader, layout, new WireRecordMaterializer(layout), wire -> {
            Either<InvalidPressRelease, PressRelease> record = wire.toPressReleaseOfUtf8();
            if (record.isLeft()) {
                return record.getLeft().getMessage();
            }
            sink.accept(record.get());
            return null;
        });
    }

    private static Either<DecodeFailure, Long> readKeys(ParquetFileReader reader, FileLayout layout, RowKeys keys) {
        return readEach(reader, layout, new RowKeyMaterializer(layout), key -> {
            try {
                keys.accept(key.id(), key.ingestedAtKey());
                return null;
            } catch (InvalidPressRelease e) {
                return e.getMessage();
            }
        });
    }

    /** What is done with each assembled row: {@code null}, or the rule it breaks (which refuses the file). */
    private interface RowHandler<R> {
        String accept(R row);
    }

    /** Assembles every row of the layout's columns, one row group at a time, and hands it to {@code handler}. */
    private static <R> Either<DecodeFailure, Long> readEach(
            ParquetFileReader reader, FileLayout layout, RecordMaterializer<R> materializer, RowHandler<R> handler) {
        reader.setRequestedSchema(layout.projection());
        MessageColumnIO columns = new ColumnIOFactory(reader.getFileMetaData().getCreatedBy())
                .getColumnIO(layout.projection(), reader.getFileMetaData().getSchema());
        long good = 0;
        try {
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<R> rows = columns.getRecordReader(rowGroup, materializer);
                for (long i = 0, n = rowGroup.getRowCount(); i < n; i++) {
                    String broken = handler.accept(rows.read());
                    if (broken != null) {
                        return Either.left(rowFailure(good + 1L, broken));
                    }
                    good++;
                }
            }
        } catch (WireRecordMaterializer.MalformedText | InvalidPressRelease e) {
            // Thrown while assembling the row after the last one handed over (text that is not UTF-8, a key
            // that breaks a rule).
            return Either.left(rowFailure(good + 1L, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return Either.left(new DecodeFailure("corrupt Parquet data after " + good + " good rows: " + describe(e)));
        }
        return Either.right(good);
    }

    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    static DecodeFailure rowFailure(long row, String rule) {
        return new DecodeFailure("row " + row + " (counting from 1): " + rule);
    }

    /** Settings parquet's own codecs read: the gzip level (and the ZSTD level, for parquet's own ZSTD codec). */
    static ParquetConfiguration configuration(EncodingOptions options) {
        PlainParquetConfiguration configuration = new PlainParquetConfiguration();
        if (options.compression() == Compression.ZSTD) {
            configuration.setInt(ZSTD_LEVEL, options.level());
        } else if (options.compression() == Compression.GZIP) {
            configuration.set(GZIP_LEVEL, GZIP_LEVEL_NAMES[options.level()]);
        }
        return configuration;
    }

    private static CompressionCodecName codec(Compression compression) {
        return switch (compression) {
            case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case GZIP -> CompressionCodecName.GZIP;
            case ZSTD -> CompressionCodecName.ZSTD;
        };
    }

    /** parquet's writer builder, bound to the production schema's write support. */
    private static final class Writer extends ParquetWriter.Builder<StoredRow, Writer> {
        Writer(OutputFile file) {
            super(file);
        }

        @Override
        protected Writer self() {
            return this;
        }

        @Override
        protected WriteSupport<StoredRow> getWriteSupport(Configuration configuration) {
            return new StoredRowWriteSupport();
        }

        @Override
        protected WriteSupport<StoredRow> getWriteSupport(ParquetConfiguration configuration) {
            return new StoredRowWriteSupport();
        }
    }
}
