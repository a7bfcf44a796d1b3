package io.feedstore.application;

import io.feedstore.domain.backfill.Shard;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Option;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What a backfill did, date by date: each legacy flat file's fate and each partition's consolidation. */
public record BackfillReport(String run, Shard shard, RunMode mode, ObjectKey record, List<DateReport> dates) {

    public BackfillReport {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(record, "record");
        dates = List.copyOf(dates);
    }

    /** Whether a date failed or a file could not be retired for another reason than an unplaceable row. */
    public boolean anyFailed() {
        return dates.stream().anyMatch(d -> d.status() == DateStatus.FAILED);
    }

    /** How a date ended. */
    public enum DateStatus {
        /** Every flat file retired (or none left) and every partition consolidated. */
        MIGRATED,
        /** A dry run: read and counted, nothing written or deleted. */
        PLANNED,
        /** Done, but files with rows that cannot be placed were kept, as they always are. */
        KEPT_UNPLACEABLE,
        /** A file could not be read, a write or a verification failed: nothing unverified was deleted. */
        FAILED
    }

    /** What became of one flat file. */
    public enum FileStatus {
        RETIRED,
        PLANNED,
        /** Holds rows that belong to no partition: never deleted. */
        UNPLACEABLE,
        /** Not deleted: its rows could not all be verified, or it changed or vanished meanwhile. */
        KEPT,
        UNREADABLE
    }

    /** One flat file: {@code rows} rows placed in partitions, {@code unplaceable} rows not. */
    public record FileReport(
            ObjectKey key, long bytes, long rows, long unplaceable, FileStatus status, Option<String> detail) {
        public FileReport {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * One date: its flat files, its partitions' consolidations, and for each partition the flat files whose rows
     * it received most of (their count and bytes, so that a per-source line counts each file once) and the bytes of
     * the copies written into it (which its consolidation counts as inputs).
     */
    public record DateReport(
            LocalDate date,
            DateStatus status,
            List<FileReport> files,
            List<PartitionReport> partitions,
            Map<Partition, Long> flatFilesFed,
            Map<Partition, Long> flatBytesFed,
            Map<Partition, Long> copyBytes,
            Option<String> detail) {

        public DateReport {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(status, "status");
            files = List.copyOf(files);
            partitions = List.copyOf(partitions);
            flatFilesFed = Map.copyOf(flatFilesFed);
            flatBytesFed = Map.copyOf(flatBytesFed);
            copyBytes = Map.copyOf(copyBytes);
            Objects.requireNonNull(detail, "detail");
        }

        static DateReport failed(LocalDate date, List<FileReport> files, String detail) {
            return new DateReport(
                    date, DateStatus.FAILED, files, List.of(), Map.of(), Map.of(), Map.of(), Option.of(detail));
        }

        /** The per-source lines of this date, in source order. */
        public Map<Source, SourceLine> bySource() {
            Map<Source, SourceLine> lines = new TreeMap<>();
            for (PartitionReport p : partitions) {
                long copies = copyBytes.getOrDefault(p.partition(), 0L);
                long fed = flatFilesFed.getOrDefault(p.partition(), 0L);
                int copyFiles = copies > 0 ? 1 : 0;
                long filesBefore = p.batchFiles() - copyFiles + p.legacyFiles() + (p.hadConsolidated() ? 1 : 0) + fed;
                long bytesBefore = p.bytesBefore() - copies + flatBytesFed.getOrDefault(p.partition(), 0L);
                long filesAfter = p.status() == PartitionStatus.CONSOLIDATED || p.hadConsolidated() ? 1 : filesBefore;
                lines.put(
                        p.partition().source(),
                        new SourceLine(
                                p.partition().source(),
                                Math.max(0, filesBefore),
                                filesAfter,
                                Math.max(0, bytesBefore),
                                p.bytesAfter(),
                                p.finalRows(),
                                p.duplicatesRemoved(),
                                p.status().name()));
            }
            return lines;
        }
    }

    /** A date and source as the summary prints it. */
    public record SourceLine(
            Source source,
            long filesBefore,
            long filesAfter,
            long bytesBefore,
            long bytesAfter,
            long rows,
            long duplicatesRemoved,
            String status) {}
}
