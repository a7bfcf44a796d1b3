package io.feedstore.benchmarks;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Generates the inputs of every case, deterministically from one seed, through feedstore's own codec and local
 * store (so the inputs are exactly what feedstore itself would have written). Generation is never timed.
 *
 * <p>A release is a pure function of (seed, partition, index, version): a duplicate row can regenerate the
 * original's text and revise it, so a million-row partition never has to be held in memory to be written.
 */
final class Workload {

    /** When the generated batches claim to have been written; fixed so that file names are reproducible. */
    private static final LocalDateTime BATCH_TIME = LocalDateTime.of(2025, 1, 1, 12, 0);

    private static final String WRITER_SUFFIX = "benchgen01";

    private final long seed;
    private final ParquetRecordCodec codec = new ParquetRecordCodec();
    private final ExecutorService pool;
    private final Prose.Style style;

    Workload(long seed, ExecutorService pool) {
        this(seed, pool, Prose.Style.TYPOGRAPHIC);
    }

    Workload(long seed, ExecutorService pool, Prose.Style style) {
        this.seed = seed;
        this.pool = pool;
        this.style = style;
    }

    /** The same generator writing its text in {@code style}. */
    Workload withStyle(Prose.Style style) {
        return new Workload(seed, pool, style);
    }

    /** The inputs of a consolidation case: one partition's batch files, as stored under {@code root}. */
    record PartitionInput(Path root, Partition partition, List<Path> files, int rows, int distinct, long bytes) {}

    /** The store of the year-load case: consolidated partitions plus today's batches. */
    record YearInput(
            Path root,
            LocalDate from,
            LocalDate to,
            List<Source> sources,
            int files,
            int rows,
            int distinct,
            long bytes) {}

    /**
     * {@code rows} rows in {@code batches} batch files; a fraction {@code duplicates} of the rows are newer
     * versions of ids that appeared earlier (a later {@code ingested_at}, a revised text).
     */
    PartitionInput writeBatches(Path root, Partition partition, int rows, int batches, double duplicates) {
        int[] index = new int[rows];
        int[] version = new int[rows];
        int distinct = plan(partition, rows, duplicates, index, version);
        ObjectStore store = new LocalFileSystemObjectStore(root);
        List<Future<Path>> written = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int first = (int) ((long) b * rows / batches);
            int end = (int) ((long) (b + 1) * rows / batches);
            int sequence = b + 1;
            written.add(pool.submit(() -> {
                List<PressRelease> batch = new ArrayList<>(end - first);
                for (int i = first; i < end; i++) {
                    batch.add(release(partition, index[i], version[i]));
                }
                ObjectKey key = partition.batchKey(new BatchName(sequence, BATCH_TIME, WRITER_SUFFIX));
                create(store, key, codec.encode(batch, EncodingOptions.BATCH));
                return root.resolve(key.value());
            }));
        }
        List<Path> files = await(written);
        return new PartitionInput(root, partition, files, rows, distinct, sizeOf(files));
    }

    /**
     * {@code days} days of consolidated partitions of {@code rowsPerDay} distinct rows for each source, then,
     * for the day after, {@code todayRows} rows per source in {@code todayBatches} batch files (5% updates).
     */
    YearInput writeYear(
            Path root,
            List<Source> sources,
            LocalDate from,
            int days,
            int rowsPerDay,
            int todayRows,
            int todayBatches) {
        ObjectStore store = new LocalFileSystemObjectStore(root);
        List<Future<Path>> written = new ArrayList<>();
        for (Source source : sources) {
            for (int d = 0; d < days; d++) {
                Partition partition = new Partition(source, from.plusDays(d));
                written.add(pool.submit(() -> {
                    List<PressRelease> day = IntStream.range(0, rowsPerDay)
                            .mapToObj(n -> release(partition, n, 0))
                            .toList();
                    ObjectKey key = partition.consolidatedKey();
                    create(store, key, codec.encode(day, EncodingOptions.CONSOLIDATED));
                    return root.resolve(key.value());
                }));
            }
        }
        List<Path> files = new ArrayList<>(await(written));
        LocalDate today = from.plusDays(days);
        int distinct = sources.size() * days * rowsPerDay;
        int rows = distinct;
        for (Source source : sources) {
            PartitionInput batches = writeBatches(root, new Partition(source, today), todayRows, todayBatches, 0.05);
            files.addAll(batches.files());
            distinct += batches.distinct();
            rows += batches.rows();
        }
        return new YearInput(root, from, today, sources, files.size(), rows, distinct, sizeOf(files));
    }

    /**
     * The legacy layout of the older pipeline: one Parquet file (snappy, as pyarrow writes by default) per press
     * release, named after its id. Returns the files' total size.
     */
    long writeLegacy(Path dir, List<PressRelease> releases) {
        try {
            Files.createDirectories(dir);
            long bytes = 0;
            for (PressRelease release : releases) {
                byte[] content = codec.encode(List.of(release), EncodingOptions.BATCH);
                Files.write(dir.resolve(release.id().value() + ".parquet"), content);
                bytes += content.length;
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a month of press releases is stored: one legacy file per release, or one consolidated file a day. */
    enum MonthLayout {
        LEGACY,
        CONSOLIDATED,
        /** The older pipeline's first layout: {@code release_date=D/msgId=<id>.parquet}, no {@code source=} level. */
        FLAT
    }

    /**
     * {@code days} days from {@code from} of {@code rowsPerDay} distinct press releases of {@code source}, written
     * to {@code store} in {@code layout}: the older pipeline's {@code msgId=<id>.parquet} per release (snappy, one
     * row each) or one {@code consolidated.parquet} per day (ZSTD 9). The same releases whatever the layout or the
     * store. Returns the number of objects written.
     */
    int writeMonth(ObjectStore store, Source source, LocalDate from, int days, int rowsPerDay, MonthLayout layout) {
        List<Future<Integer>> written = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Partition partition = new Partition(source, from.plusDays(d));
            written.add(pool.submit(() -> {
                List<PressRelease> day = IntStream.range(0, rowsPerDay)
                        .mapToObj(n -> release(partition, n, 0))
                        .toList();
                if (layout == MonthLayout.CONSOLIDATED) {
                    create(store, partition.consolidatedKey(), codec.encode(day, EncodingOptions.CONSOLIDATED));
                    return 1;
                }
                KeyPrefix folder = layout == MonthLayout.FLAT
                        ? new FlatFolder(partition.releaseDate()).prefix()
                        : partition.prefix();
                for (PressRelease release : day) {
                    create(
                            store,
                            folder.key("msgId=" + release.id().value() + ".parquet"),
                            codec.encode(List.of(release), EncodingOptions.BATCH));
                }
                return day.size();
            }));
        }
        return await(written).stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * {@code count} distinct records spread at random over {@code partitions}, for the batch writer. Their texts
     * come from a pool of generated texts (holding a million distinct 2 KB texts would take gigabytes of heap
     * and measure the generator); within a 100-record batch a text rarely repeats, so compression is unaffected.
     */
    List<PressRelease> writerRecords(int count, List<Partition> partitions) {
        int poolSize = Math.min(count, 4096);
        Prose prose = new Prose(seed * 31 + 7, style);
        String[] companies = new String[poolSize];
        String[] titles = new String[poolSize];
        String[] texts = new String[poolSize];
        for (int i = 0; i < poolSize; i++) {
            companies[i] = prose.company();
            titles[i] = prose.title(companies[i]);
            texts[i] = prose.fullText(companies[i], prose.city(), "January 1, 2025");
        }
        Random random = new Random(seed * 31 + 11);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<PressRelease> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Partition partition = partitions.get(random.nextInt(partitions.size()));
            int t = random.nextInt(poolSize);
            Instant ingested = start.plusMillis(i * 37L);
            records.add(
                    PressRelease.builder(new PressReleaseId(hexId(random)), partition.source(), partition.releaseDate())
                            .companyName(companies[t])
                            .category(Prose.CATEGORIES[t % Prose.CATEGORIES.length])
                            .releaseTimestamp(partition
                                    .releaseDate()
                                    .atStartOfDay()
                                    .toInstant(ZoneOffset.UTC)
                                    .plusSeconds(random.nextInt(86_400)))
                            .ingestedAt(ingested)
                            .title(titles[t])
                            .fullText(texts[t])
                            .sourceUrl("https://" + partition.source() + ".example.com/news/" + i)
                            .parserVersion(3)
                            .schemaVersion(2)
                            .build());
        }
        return records;
    }

    /**
     * Version {@code version} of the {@code n}-th press release of a partition. Version 0 is the original;
     * later versions are ingested hours later with a revised text and the next parser version.
     */
    PressRelease release(Partition partition, int n, int version) {
        long base = mix(
                seed,
                partition.source().value().hashCode(),
                partition.releaseDate().toEpochDay(),
                n);
        Random random = new Random(base);
        Prose prose = new Prose(base ^ 0x5DEECE66DL, style);
        String id = hexId(random);
        String company = prose.company();
        String title = prose.title(company);
        Instant released =
                partition.releaseDate().atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(86_400));
        String text = prose.fullText(company, prose.city(), WireRecord.formatDate(partition.releaseDate()));
        Instant ingested =
                released.plusSeconds(60 + random.nextInt(3_600)).plusNanos(random.nextInt(1_000_000) * 1000L);
        String category = prose.category();
        if (version > 0) {
            Prose revision = new Prose(mix(base, version, 17, 23), style);
            text = revision.revise(text);
            title = title + " (Updated)";
            ingested = ingested.plusSeconds(3_600L * version + random.nextInt(600));
        }
        return PressRelease.builder(new PressReleaseId(id), partition.source(), partition.releaseDate())
                .companyName(company)
                .category(category)
                .releaseTimestamp(released)
                .ingestedAt(ingested)
                .title(title)
                .fullText(text)
                .sourceUrl("https://" + partition.source() + ".example.com/news/"
                        + WireRecord.formatDate(partition.releaseDate()) + "/" + prose.slug(title) + "-" + n)
                .parserVersion(version > 0 ? 4 : 3)
                .schemaVersion(2)
                .build();
    }

    /** Which id and version each row is; returns the number of distinct ids. */
    private int plan(Partition partition, int rows, double duplicates, int[] index, int[] version) {
        Random random = new Random(mix(seed, partition.hashCode(), rows, 99));
        int[] versions = new int[rows];
        int originals = 0;
        for (int i = 0; i < rows; i++) {
            if (originals > 0 && random.nextDouble() < duplicates) {
                int j = random.nextInt(originals);
                index[i] = j;
                version[i] = ++versions[j];
            } else {
                index[i] = originals++;
                version[i] = 0;
            }
        }
        return originals;
    }

    private static String hexId(Random random) {
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    private static long mix(long a, long b, long c, long d) {
        long h = a * 0x9E3779B97F4A7C15L;
        h = (h ^ b) * 0xBF58476D1CE4E5B9L;
        h = (h ^ c) * 0x94D049BB133111EBL;
        h = (h ^ d) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    private static void create(ObjectStore store, ObjectKey key, byte[] content) {
        store.createIfAbsent(key, content)
                .getOrElseThrow(failure ->
                        new IllegalStateException("could not write generated input " + key + ": " + failure.message()));
    }

    static long sizeOf(List<Path> files) {
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }

    private static <T> List<T> await(List<Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating inputs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating inputs failed: " + e.getCause(), e.getCause());
        }
        return results;
    }
}
