package io.feedstore.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.feedstore.adapters.hashing.Xxh3RowHash;
import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.localfs.TemporaryFileSpillSpace;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.BatchWriter;
import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.ConsolidatePartitions;
import io.feedstore.application.ConsolidationSettings;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.application.RunMode;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The jobs the harness runs in a separate JVM: with a heap limit (bounded memory), under JFR (profiles), or
 * cold (start-up). Each prints one line {@code RESULT key=value ...} that {@link ChildJvm} reads.
 *
 * <p>With {@code -Dbench.jfr=FILE -Dbench.jfc=SETTINGS} a flight recording covers the job itself, not the JVM's
 * start or the generation of its input, so that a profile shows the job's costs only.
 */
public final class ChildJobs {

    private ChildJobs() {}

    /** The most heap found in use right after any garbage collection: close to the job's peak of live data. */
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        watchCollections();
        switch (args[0]) {
            case "nothing" -> result("seconds", seconds(start));
            case "consolidate" ->
                consolidate(Path.of(args[1]), new Partition(Source.of(args[2]), LocalDate.parse(args[3])));
            case "load" -> load(Path.of(args[1]), LocalDate.parse(args[2]), LocalDate.parse(args[3]));
            case "write" ->
                write(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
            case "duckdb-noop" -> duckdbNoop(Path.of(args[1]), args[2], start);
            case "duckdb-consolidate" -> duckdbConsolidate(Path.of(args[1]), Path.of(args[2]), start);
            default -> throw new IllegalArgumentException("unknown child job " + args[0]);
        }
    }

    private static void consolidate(Path root, Partition partition) throws Exception {
        Recording recording = startRecording();
        long t0 = System.nanoTime();
        PartitionReport report = new ConsolidatePartitions(
                        new LocalFileSystemObjectStore(root),
                        new ParquetRecordCodec(),
                        TemporaryFileSpillSpace.inSystemTemp(),
                        ConsolidationSettings.DEFAULT,
                        new Xxh3RowHash())
                .consolidate(partition, RunMode.APPLY);
        double seconds = seconds(t0);
        stop(recording);
        result(
                "status",
                report.status().name(),
                "finalRows",
                report.finalRows(),
                "inputRows",
                report.inputRows(),
                "seconds",
                seconds,
                "heapAfterGcMB",
                heapPeakMb(),
                "detail",
                report.detail().getOrElse("-").replace(' ', '_'));
        System.exit(report.status().name().equals("CONSOLIDATED") ? 0 : 1);
    }

    private static void load(Path root, LocalDate from, LocalDate to) throws Exception {
        Recording recording = startRecording();
        long t0 = System.nanoTime();
        List<PressRelease> releases = new LoadPressReleases(
                        new LocalFileSystemObjectStore(root), new ParquetRecordCodec())
                .load(from, to, Option.none());
        double seconds = seconds(t0);
        stop(recording);
        result("rows", releases.size(), "seconds", seconds, "heapAfterGcMB", heapPeakMb());
    }

    private static void write(Path root, int count, int partitionCount, long seed) throws Exception {
        List<Partition> partitions = BatchWriterCase.partitions(partitionCount);
        var pool = Executors.newFixedThreadPool(1);
        List<PressRelease> records = new Workload(seed, pool).writerRecords(count, partitions);
        pool.shutdown();
        Recording recording = startRecording();
        long t0 = System.nanoTime();
        int batches;
        try (BatchWriter writer = new BatchWriter(
                new LocalFileSystemObjectStore(root),
                new ParquetRecordCodec(),
                BatchWriterSettings.DEFAULT,
                Clock.systemUTC())) {
            records.forEach(writer::add);
            writer.flush();
            batches = writer.writtenBatches().size();
        }
        double seconds = seconds(t0);
        stop(recording);
        result("records", count, "batches", batches, "seconds", seconds);
    }

    /** DuckDB's cold no-op: load the driver, connect, look for the date's files, find none. */
    private static void duckdbNoop(Path root, String date, long start) throws Exception {
        long t0 = System.nanoTime();
        long found;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(StartupCase.duckdbNoopSql(root, date))) {
            rows.next();
            found = rows.getLong(1);
        }
        result("files", found, "seconds", seconds(t0), "sinceMain", seconds(start));
    }

    /** DuckDB's one statement in a fresh JVM: the files listed one per line in {@code list}, into {@code out}. */
    private static void duckdbConsolidate(Path list, Path out, long start) throws Exception {
        List<Path> inputs = java.nio.file.Files.readAllLines(list).stream()
                .filter(l -> !l.isBlank())
                .map(Path::of)
                .toList();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(DuckDb.consolidate(inputs, out));
        }
        result("seconds", seconds(start));
    }

    private static Recording startRecording() throws Exception {
        String file = System.getProperty("bench.jfr");
        if (file == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.create(Path.of(System.getProperty("bench.jfc"))));
        recording.setDestination(Path.of(file));
        recording.start();
        return recording;
    }

    private static void stop(Recording recording) {
        if (recording != null) {
            recording.stop();
            recording.close();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void watchCollections() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool :
                        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                MAX_AFTER_GC.accumulateAndGet(used, Math::max);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    /** The most heap in use right after a collection so far, in MB. */
    private static long heapPeakMb() {
        return MAX_AFTER_GC.get() >> 20;
    }

    private static void result(Object... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(pairs[i] + "=" + pairs[i + 1]);
        }
        System.out.println("RESULT " + String.join(" ", parts));
        System.out.flush();
    }
}
