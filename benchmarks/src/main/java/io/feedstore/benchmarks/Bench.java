package io.feedstore.benchmarks;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the cases share: the options, the scratch directory, the DuckDB connection, the codec, and the generated
 * inputs (each generated once, on first use, and kept pristine: runs work on copies).
 */
final class Bench implements AutoCloseable {

    static final Source MAIN_SOURCE = Source.of("newswire");
    static final List<Source> YEAR_SOURCES = List.of(Source.of("newswire"), Source.of("gmail"), Source.of("rss"));

    final BenchOptions options;
    final Path work;
    final DuckDb duckdb;
    final ParquetRecordCodec codec = new ParquetRecordCodec();
    final Workload workload;
    /** CPU that other processes took while each timed case ran, in cores. */
    final Map<String, Double> interference = new LinkedHashMap<>();
    /** Consolidated outputs of cases 1-3, kept for the compression case. */
    final Map<String, ConsolidationCase.Outputs> outputs = new LinkedHashMap<>();

    private final ExecutorService pool;
    private Workload.PartitionInput day;
    private Workload.PartitionInput busy;
    private Workload.PartitionInput busyAscii;
    private Workload.PartitionInput big;
    private Workload.YearInput year;

    private static volatile boolean quiet;

    Bench(BenchOptions options) throws SQLException {
        this.options = options;
        quiet = options.quiet();
        try {
            this.work = options.work() != null
                    ? Files.createDirectories(options.work())
                    : Files.createTempDirectory("feedstore-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the scratch directory", e);
        }
        this.duckdb = new DuckDb();
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        this.workload = new Workload(options.seed(), pool);
    }

    Workload.PartitionInput day() {
        if (day == null) {
            Sizes s = options.sizes();
            day = generate(
                    "day",
                    new Partition(MAIN_SOURCE, LocalDate.of(2025, 1, 14)),
                    s.dayRows(),
                    s.dayBatches(),
                    Sizes.DAY_DUPLICATES);
        }
        return day;
    }

    Workload.PartitionInput busy() {
        if (busy == null) {
            Sizes s = options.sizes();
            busy = generate(
                    "busy",
                    new Partition(MAIN_SOURCE, LocalDate.of(2025, 2, 3)),
                    s.busyRows(),
                    s.busyBatches(),
                    Sizes.BUSY_DUPLICATES);
        }
        return busy;
    }

    /** Case 2's sizes with plain ASCII text: the reference that shows what real text costs. */
    Workload.PartitionInput busyAscii() {
        if (busyAscii == null) {
            Sizes s = options.sizes();
            busyAscii = generate(
                    "busy-ascii",
                    workload.withStyle(Prose.Style.ASCII),
                    // The same partition as case 2, so the same ids and versions: only the characters of the text
                    // differ.
                    new Partition(MAIN_SOURCE, LocalDate.of(2025, 2, 3)),
                    s.busyRows(),
                    s.busyBatches(),
                    Sizes.BUSY_DUPLICATES);
        }
        return busyAscii;
    }

    Workload.PartitionInput big() {
        if (big == null) {
            Sizes s = options.sizes();
            big = generate(
                    "big",
                    new Partition(MAIN_SOURCE, LocalDate.of(2025, 3, 3)),
                    s.bigRows(),
                    s.bigBatches(),
                    Sizes.BIG_DUPLICATES);
        }
        return big;
    }

    Workload.YearInput year() {
        if (year == null) {
            Sizes s = options.sizes();
            List<Source> sources = YEAR_SOURCES.subList(0, Math.min(s.yearSources(), YEAR_SOURCES.size()));
            log("generating the year: " + sources.size() + " sources x " + s.yearDays() + " days x "
                    + s.yearRowsPerDay() + " rows, plus today's batches");
            long t0 = System.nanoTime();
            year = workload.writeYear(
                    dir("inputs/year"),
                    sources,
                    LocalDate.of(2024, 1, 1),
                    s.yearDays(),
                    s.yearRowsPerDay(),
                    s.todayRows(),
                    s.todayBatches());
            log("generated " + Report.count(year.rows()) + " rows in " + year.files() + " files ("
                    + Report.bytes(year.bytes()) + ") in " + Report.seconds((System.nanoTime() - t0) / 1e9));
        }
        return year;
    }

    private Workload.PartitionInput generate(String name, Partition partition, int rows, int batches, double dups) {
        return generate(name, workload, partition, rows, batches, dups);
    }

    private Workload.PartitionInput generate(
            String name, Workload generator, Partition partition, int rows, int batches, double dups) {
        log("generating " + name + ": " + Report.count(rows) + " rows in " + batches + " batch files");
        long t0 = System.nanoTime();
        Workload.PartitionInput input = generator.writeBatches(dir("inputs/" + name), partition, rows, batches, dups);
        log("generated " + name + " (" + Report.bytes(input.bytes()) + ", " + Report.count(input.distinct())
                + " distinct ids) in " + Report.seconds((System.nanoTime() - t0) / 1e9));
        return input;
    }

    /** Runs a timed case and notes how much CPU other processes took meanwhile. */
    <T> T watched(String name, java.util.concurrent.Callable<T> timedCase) throws Exception {
        MachineLoad.Snapshot before = MachineLoad.now();
        T result = timedCase.call();
        double others = MachineLoad.otherCores(before, MachineLoad.now());
        interference.put(name, others);
        log(name + ": other processes used " + Report.number(others, 2) + " cores meanwhile");
        return result;
    }

    /** A fresh, empty directory under the scratch directory. */
    Path dir(String relative) {
        Path dir = work.resolve(relative);
        Trees.delete(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path under the scratch directory whose parent exists and which itself does not. */
    Path file(String relative) {
        Path file = work.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static void log(String message) {
        if (quiet) {
            return;
        }
        System.err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    @Override
    public void close() throws SQLException {
        pool.shutdownNow();
        duckdb.close();
        if (!options.keepWork()) {
            Trees.delete(work);
        }
    }
}
