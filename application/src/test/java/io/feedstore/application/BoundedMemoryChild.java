package io.feedstore.application;

import io.feedstore.adapters.localfs.LocalFileSystemObjectStore;
import io.feedstore.adapters.localfs.TemporaryFileSpillSpace;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Main of the child JVM {@link BoundedMemoryTest} starts with a small heap: writes a partition of large rows as
 * batch files into a local store, one batch in memory at a time, then consolidates it and prints the report.
 */
public final class BoundedMemoryChild {

    private static final String[] WORDS = ("the of and to in a is that for on with as by at from this be are was it an"
                    + " will its has have company announces quarter results revenue growth market product launch customers"
                    + " partnership acquisition shares board director annual report financial statement operations new global")
            .split(" ");

    private BoundedMemoryChild() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int batches = Integer.parseInt(args[2]);
        int textChars = Integer.parseInt(args[3]);
        LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(root);
        ParquetRecordCodec codec = new ParquetRecordCodec();
        Random random = new Random(42);
        Instant base = Instant.parse("2025-01-15T00:00:00Z");
        int perBatch = rows / batches;
        long textBytes = 0;
        for (int b = 0; b < batches; b++) {
            List<PressRelease> batch = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                int n = b * perBatch + i;
                // One row in ten is a newer version of an earlier id.
                int id = n % 10 == 9 ? random.nextInt(Math.max(1, n)) : n;
                StringBuilder text = new StringBuilder(textChars + 16);
                while (text.length() < textChars) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                textBytes += text.length();
                batch.add(PressRelease.builder(PressReleaseId.of("pr-" + id), Releases.GMAIL, Releases.DAY)
                        .ingestedAt(base.plusMillis(n))
                        .title("Title " + n)
                        .fullText(text.toString())
                        .companyName("Company " + (id % 500))
                        .build());
            }
            String name = new BatchName(b, java.time.LocalDateTime.of(2025, 1, 15, 1, 0), "bench" + b).fileName();
            store.createIfAbsent(Releases.GMAIL_DAY.prefix().key(name), codec.encode(batch, FileRole.BATCH))
                    .getOrElseThrow(f -> new IllegalStateException(f.message()));
        }
        PartitionReport report = new ConsolidatePartitions(
                        store, codec, TemporaryFileSpillSpace.inSystemTemp(), ConsolidationSettings.DEFAULT)
                .consolidate(Releases.GMAIL_DAY, RunMode.APPLY);
        System.out.println("status=" + report.status() + " inputRows=" + report.inputRows() + " finalRows="
                + report.finalRows() + " textBytes=" + textBytes + " maxHeap="
                + Runtime.getRuntime().maxMemory()
                + " detail=" + report.detail().getOrElse(""));
    }
}
