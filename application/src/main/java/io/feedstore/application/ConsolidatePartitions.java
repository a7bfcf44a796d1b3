package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.consolidation.DigestVerification;
import io.feedstore.domain.consolidation.NewestPerIdIndex;
import io.feedstore.domain.consolidation.RowDigest;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.consolidation.Verification;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.ObjectContent;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: merges each partition's batch files, legacy files and existing consolidated file into one
 * deduplicated {@code consolidated.parquet}, then deletes the merged inputs.
 *
 * <p>Why no record is ever lost, whatever step fails or whoever runs at the same time:
 * <ul>
 *   <li>the existing consolidated file is itself an input, and it is only ever replaced by a compare-and-swap on
 *       the generation that was read, so every version of it holds (as newest per id) everything the version
 *       before held: the consolidated file only ever grows;</li>
 *   <li>an input is deleted only after the consolidated file as stored was read back and proved to hold exactly
 *       the merged rows, and only if the input still has the generation whose content was merged;</li>
 *   <li>anything that appears after the listing is not an input and is left for the next run.</li>
 * </ul>
 * Re-running is therefore always safe: a crash at any point leaves rows at worst stored twice, and the next run
 * merges them again.
 */
public final class ConsolidatePartitions {

    private final ObjectStore store;
    private final RecordCodec codec;
    private final ConsolidationSettings settings;
    /** Tied ids settled in memory at once (see {@link TieSpill}). */
    private final int bucketIds;

    public ConsolidatePartitions(ObjectStore store, RecordCodec codec, ConsolidationSettings settings) {
        this(store, codec, settings, Math.min(MAX_BUCKET_IDS, settings.encoding().rowGroupRows()));
    }

    /** With {@code bucketIds} tied ids settled in memory at a time; tests make it small to exercise the spill. */
    ConsolidatePartitions(ObjectStore store, RecordCodec codec, ConsolidationSettings settings, int bucketIds) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (bucketIds < 1) {
            throw new IllegalArgumentException("bucketIds must be at least 1, was " + bucketIds);
        }
        this.bucketIds = bucketIds;
    }

    private static final int MAX_BUCKET_IDS = 10_000;

    /** Consolidates each partition in turn; one partition's failure, even an unexpected exception, never stops the rest. */
    public List<PartitionReport> consolidate(List<Partition> partitions, RunMode mode) {
        Objects.requireNonNull(partitions, "partitions");
        List<PartitionReport> reports = new ArrayList<>(partitions.size());
        for (Partition partition : partitions) {
            reports.add(consolidate(partition, mode));
        }
        return List.copyOf(reports);
    }

    /** Consolidates one partition. An unexpected exception becomes a {@link PartitionStatus#FAILED} report. */
    public PartitionReport consolidate(Partition partition, RunMode mode) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(mode, "mode");
        Run run = new Run(partition, mode);
        PartitionReport report;
        try {
            report = run.execute();
        } catch (RuntimeException e) {
            report = run.unexpected(e);
        }
        return report.withStorageCalls(run.store.calls());
    }

    /** Where a run got to, so that an unexpected failure can say what state it left. */
    private enum Stage { PLANNING, WRITING, DELETING }

    /** One input as opened: its listing entry and its content, pinned to the generation that was opened. */
    private record Input(PartitionFile file, ObjectContent content) {
        ObjectKey key() {
            return file.object().key();
        }

        Generation generation() {
            return content.generation();
        }

        long bytes() {
            return content.size();
        }
    }

    /** One row as pass 1 reads it: no content, only what picks the winner. */
    private record Summary(byte[] id, long ingestedAt, int row) {
    }

    /**
     * A row pass 2 writes, with its digest (computed on the decoding thread), or a candidate for a tied id (no
     * digest yet: only the settled row gets one); {@code entry} is its id's in the index.
     */
    private record Winner(PressRelease row, int entry, RowDigest digest) {
        boolean candidate() {
            return digest == null;
        }
    }

    /** How many rows went in and how many distinct ids come out. */
    private record Merged(long inputRows, int finalRows) {
        int inputRowsInt() {
            return Math.toIntExact(inputRows);
        }
    }

    /** Worker threads that never keep the JVM alive. */
    private static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "feedstore-consolidation");
        thread.setDaemon(true);
        return thread;
    };

    /** Counts the bytes of a dry run's file, which is encoded but not kept. */
    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** One consolidation of one partition. */
    private final class Run {

        private final Partition partition;
        private final RunMode mode;
        /** This run's view of the store, counting what the partition costs. */
        private final CountingObjectStore store = new CountingObjectStore(ConsolidatePartitions.this.store);
        private Stage stage = Stage.PLANNING;
        private ConsolidationPlan plan;
        private final NewestPerIdIndex index = new NewestPerIdIndex();
        /** The inputs opened in pass 1, in plan order; their numbers are the index's input numbers. */
        private final List<Input> inputs = new ArrayList<>();
        private ExecutorService pool;

        Run(Partition partition, RunMode mode) {
            this.partition = partition;
            this.mode = mode;
        }

        PartitionReport execute() {
            Either<StoreFailure, List<ObjectInfo>> listing = store.list(partition.prefix());
            if (listing.isLeft()) {
                return early(PartitionStatus.FAILED, "could not list " + partition.prefix() + ": "
                        + listing.getLeft().message() + "; nothing was changed");
            }
            plan = ConsolidationPlan.of(partition, listing.get());
            if (plan.nothingToMerge()) {
                return new PartitionReport(partition, PartitionStatus.UNCHANGED, 0, 0, plan.consolidated().isDefined(),
                        0, 0, 0, plan.bytes(), plan.bytes(), false,
                        Option.of(plan.consolidated().isDefined()
                                ? "nothing to merge: only " + partition.consolidatedKey().name()
                                : "nothing to merge: the partition holds no data file"));
            }

            pool = Executors.newFixedThreadPool(settings.threads(), DAEMONS);
            try {
                return merge();
            } finally {
                pool.shutdownNow();
                inputs.forEach(Run::closeQuietly);
            }
        }

        private PartitionReport merge() {
            // Pass 1: each input's keys (id, ingested_at; the only columns read) pick each id's winner.
            Option<PartitionReport> unreadable = summarise();
            if (unreadable.isDefined()) {
                return unreadable.get();
            }
            Merged merged = new Merged(index.offered(), index.size());
            long bytesBefore = inputs.stream().mapToLong(Input::bytes).sum();
            List<Input> toDelete = inputs.stream()
                    .filter(i -> i.file().kind() != PartitionFile.Kind.CONSOLIDATED)
                    .toList();

            if (mode == RunMode.DRY_RUN) {
                CountingOutputStream counted = new CountingOutputStream();
                try {
                    writeWinners(counted);
                } catch (IOException e) {
                    return report(PartitionStatus.FAILED, merged, bytesBefore, 0,
                            "could not plan " + partition.consolidatedKey() + ": " + e.getMessage()
                                    + "; nothing was changed");
                }
                return report(PartitionStatus.PLANNED, merged, bytesBefore, counted.count,
                        "would write " + merged.finalRows() + " rows to " + partition.consolidatedKey().name()
                                + " and delete " + toDelete.size() + " merged files");
            }

            stage = Stage.WRITING;
            ObjectKey target = partition.consolidatedKey();
            Option<Input> previous = Option.ofOptional(inputs.stream()
                    .filter(i -> i.file().kind() == PartitionFile.Kind.CONSOLIDATED)
                    .findFirst());
            // Pass 2, streamed into the store: the winners, read again from the very generations pass 1 read.
            // The compare-and-swap is on the generation whose content was merged: a consolidated file written by
            // anyone after that read makes this write fail instead of dropping their rows.
            ContentWriter winners = this::writeWinners;
            Either<StoreFailure, Generation> write = previous.isDefined()
                    ? store.replaceIfUnchangedFrom(target, previous.get().generation(), winners)
                    : store.createIfAbsentFrom(target, winners);
            if (write.isLeft()) {
                StoreFailure failure = write.getLeft();
                if (failure instanceof StoreFailure.IoFailure) {
                    return report(PartitionStatus.FAILED, merged, bytesBefore, 0,
                            "could not write " + target + ": " + failure.message() + "; nothing was deleted");
                }
                return report(PartitionStatus.CONFLICT, merged, bytesBefore, 0,
                        target + " changed since it was read (another run won): " + failure.message()
                                + "; nothing was deleted");
            }
            Generation written = write.get();

            // Pass 3: the file as stored, streamed back, against the expected id -> digest map.
            Either<PartitionReport, Long> verified = verify(target, written, merged, bytesBefore);
            if (verified.isLeft()) {
                return verified.getLeft();
            }
            long bytesAfter = verified.get();

            stage = Stage.DELETING;
            List<String> failedDeletes = new ArrayList<>();
            int leftInPlace = 0;
            Map<ObjectKey, Generation> asRead = new LinkedHashMap<>();
            toDelete.forEach(input -> asRead.put(input.key(), input.generation()));
            for (Either<StoreFailure, Done> deleted : store.deleteAllIfUnchanged(asRead).values()) {
                if (deleted.isLeft()) {
                    if (deleted.getLeft() instanceof StoreFailure.IoFailure io) {
                        failedDeletes.add(io.message());
                    } else {
                        // PreconditionFailed: the input was replaced after it was read, so its current content
                        // was not merged and must stay; the next run merges it. NotFound: it is gone already
                        // (another run merged and removed it). Either way the content this run read is in the
                        // verified consolidated file, so no row is lost by leaving the input alone.
                        leftInPlace++;
                    }
                }
            }
            if (!failedDeletes.isEmpty()) {
                return report(PartitionStatus.FAILED, merged, bytesBefore, bytesAfter,
                        target.name() + " is written and verified, but " + failedDeletes.size() + " of "
                                + toDelete.size() + " merged inputs could not be deleted (" + failedDeletes.get(0)
                                + "); no row is lost: the leftover inputs will be merged again next run");
            }
            return report(PartitionStatus.CONSOLIDATED, merged, bytesBefore, bytesAfter,
                    leftInPlace == 0 ? null
                            : leftInPlace + " merged inputs had changed or were already gone and were left alone;"
                                    + " the next run merges whatever remains");
        }

        /**
         * Pass 1: opens every input (the generation it has now is the one merged, CAS'd on and deleted) and feeds
         * each row's summary to the index; otherwise the report that ends the run, having changed nothing.
         */
        private Option<PartitionReport> summarise() {
            List<PartitionFile> files = plan.inputs();
            Map<ObjectKey, Either<StoreFailure, ObjectContent>> opened =
                    store.openAll(files.stream().map(f -> f.object().key()).toList());
            // Every input opened is kept (and closed when the run ends) before any failure is looked at.
            List<Either<PartitionReport, Input>> candidates = new ArrayList<>(files.size());
            for (PartitionFile file : files) {
                Either<PartitionReport, Input> input = open(file, opened.get(file.object().key()));
                input.forEach(inputs::add);
                candidates.add(input);
            }
            for (Either<PartitionReport, Input> input : candidates) {
                if (input.isLeft()) {
                    return Option.of(input.getLeft());
                }
            }
            List<PartitionReport> failure = new ArrayList<>(1);
            new InOrderPipeline(pool, settings.threads()).run(inputs.size(),
                    (number, emit) -> {
                        Input input = inputs.get(number);
                        int[] row = {0};
                        Either<DecodeFailure, Long> rows = codec.decodeKeys(input.content(),
                                (id, ingestedAt) -> emit.accept(new Summary(id, ingestedAt, row[0]++)));
                        if (rows.isLeft()) {
                            return Option.of(early(PartitionStatus.FAILED, "cannot decode " + input.key()
                                    + ": " + rows.getLeft().reason() + "; nothing was changed"));
                        }
                        return Option.<PartitionReport>none();
                    },
                    new InOrderPipeline.Receiver<Summary, Option<PartitionReport>>() {
                        @Override
                        public void item(int number, Summary s) {
                            index.offer(s.id(), s.ingestedAt(), number, s.row());
                        }

                        @Override
                        public boolean done(int number, Option<PartitionReport> result) {
                            result.forEach(failure::add);
                            return result.isEmpty();
                        }
                    });
            return failure.isEmpty() ? Option.none() : Option.of(failure.get(0));
        }

        /** One input as opened, or the report that ends the run, having changed nothing. */
        private Either<PartitionReport, Input> open(PartitionFile file, Either<StoreFailure, ObjectContent> stored) {
            ObjectKey key = file.object().key();
            if (stored.isLeft()) {
                if (stored.getLeft() instanceof StoreFailure.NotFound) {
                    return Either.left(early(PartitionStatus.CONFLICT, key + " vanished between listing and"
                            + " reading (another run is consolidating this partition); nothing was changed"));
                }
                return Either.left(early(PartitionStatus.FAILED, "could not read " + key + ": "
                        + stored.getLeft().message() + "; nothing was changed"));
            }
            return Either.right(new Input(file, stored.get()));
        }

        /**
         * Pass 2: encodes each id's winning row into {@code out}, reading every input again from the content opened
         * in pass 1, and records the digest of each row written for verification. Rows are written in the order the
         * inputs hold them (no sorting, no temporary copy). Ids whose newest rows tie on {@code ingested_at} are
         * settled by comparing their candidate rows ({@link Deduplication#newer}, in a {@link TieSpill}) and
         * written last, in id order. Every row is decoded in full and checked here: pass 1 read only two columns.
         */
        private void writeWinners(OutputStream out) throws IOException {
            BitSet[] winners = index.winningRows(inputs.size());
            boolean ties = index.tiedCount() > 0;
            List<IOException> failed = new ArrayList<>(1);
            try (TieSpill tied = ties ? new TieSpill(index.ranks(), bucketIds, Deduplication::newer) : null;
                 RecordSink sink = codec.encoder(settings.encoding(), out)) {
                new InOrderPipeline(pool, settings.threads()).run(inputs.size(),
                        (number, emit) -> {
                            Input input = inputs.get(number);
                            BitSet mine = winners[number];
                            int[] row = {0};
                            Either<DecodeFailure, Long> rows = codec.decode(input.content(), r -> {
                                if (mine.get(row[0]++)) {
                                    emit.accept(new Winner(r, index.find(NewestPerIdIndex.idBytes(r)), RowDigest.of(r)));
                                } else if (ties) {
                                    int entry = index.find(NewestPerIdIndex.idBytes(r));
                                    if (entry >= 0 && index.isTied(entry) && index.ingestedAt(entry) == r.ingestedAtKey()) {
                                        emit.accept(new Winner(r, entry, null));
                                    }
                                }
                            });
                            return rows.isLeft()
                                    ? Option.of(new IOException("cannot decode " + input.key() + ": "
                                            + rows.getLeft().reason()))
                                    : Option.<IOException>none();
                        },
                        new InOrderPipeline.Receiver<Winner, Option<IOException>>() {
                            @Override
                            public void item(int number, Winner w) {
                                try {
                                    if (w.candidate()) {
                                        tied.add(w.entry(), w.row());
                                    } else {
                                        index.setDigest(w.entry(), w.digest());
                                        sink.write(w.row());
                                    }
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }

                            @Override
                            public boolean done(int number, Option<IOException> result) {
                                result.forEach(failed::add);
                                return result.isEmpty();
                            }
                        });
                if (!failed.isEmpty()) {
                    throw failed.get(0);
                }
                if (ties) {
                    tied.drainInto(settled -> {
                        index.setDigest(index.find(NewestPerIdIndex.idBytes(settled)), RowDigest.of(settled));
                        sink.write(settled);
                    });
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        /**
         * Pass 3: reads the consolidated file back and proves it is the one this run wrote, holding exactly the
         * merged rows, by id and content digest; answers its size, or the report that ends the run before anything
         * is deleted.
         */
        private Either<PartitionReport, Long> verify(ObjectKey target, Generation written, Merged merged,
                                                     long bytesBefore) {
            Either<StoreFailure, ObjectContent> back = store.open(target, written);
            if (back.isLeft()) {
                StoreFailure failure = back.getLeft();
                if (failure instanceof StoreFailure.PreconditionFailed) {
                    return Either.left(report(PartitionStatus.CONFLICT, merged, bytesBefore, 0, target
                            + " was replaced by another run after this one wrote it (" + failure.message()
                            + "); nothing was deleted"));
                }
                PartitionStatus status = failure instanceof StoreFailure.NotFound
                        ? PartitionStatus.CONFLICT : PartitionStatus.FAILED;
                return Either.left(report(status, merged, bytesBefore, 0, "could not read back " + target + ": "
                        + failure.message() + "; nothing was deleted"));
            }
            try (ObjectContent content = back.get()) {
                DigestVerification verification = new DigestVerification(index);
                Either<DecodeFailure, Long> stored = codec.decodeMapped(content, DigestVerification.Stored::of,
                        verification::accept, settings.threads());
                if (stored.isLeft()) {
                    return Either.left(report(PartitionStatus.FAILED, merged, bytesBefore, 0, target
                            + " as stored cannot be decoded: " + stored.getLeft().reason() + "; nothing was deleted"));
                }
                Either<String, Verification.Verified> verified = verification.result();
                if (verified.isLeft()) {
                    return Either.left(report(PartitionStatus.FAILED, merged, bytesBefore, 0, target
                            + " failed verification: " + verified.getLeft() + "; nothing was deleted"));
                }
                return Either.right(content.size());
            } catch (IOException closing) {
                return Either.left(report(PartitionStatus.FAILED, merged, bytesBefore, 0, "could not read back "
                        + target + ": " + closing.getMessage() + "; nothing was deleted"));
            }
        }

        private static void closeQuietly(Input input) {
            try {
                input.content().close();
            } catch (IOException | RuntimeException ignored) {
                // read-only content: nothing is lost by a failed close
            }
        }

        private PartitionReport early(PartitionStatus status, String detail) {
            return PartitionReport.early(partition, status, plan, detail);
        }

        private PartitionReport report(PartitionStatus status, Merged merged, long bytesBefore, long bytesAfter,
                                       String detail) {
            boolean counted = status == PartitionStatus.CONSOLIDATED || status == PartitionStatus.PLANNED;
            int finalRows = merged.finalRows();
            return new PartitionReport(partition, status,
                    plan.count(PartitionFile.Kind.BATCH), plan.count(PartitionFile.Kind.LEGACY),
                    plan.consolidated().isDefined(), merged.inputRowsInt(), merged.inputRowsInt() - finalRows, finalRows,
                    bytesBefore, bytesAfter, counted && settings.anomalyRule().isAnomalous(finalRows),
                    Option.of(detail));
        }

        PartitionReport unexpected(RuntimeException e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            String state = switch (stage) {
                case PLANNING -> "nothing was changed";
                case WRITING -> "nothing was deleted; the next run merges everything again";
                case DELETING -> partition.consolidatedKey().name() + " is written and verified; the leftover"
                        + " inputs will be merged again next run";
            };
            return early(PartitionStatus.FAILED, "unexpected error (" + what + "); " + state);
        }
    }
}
