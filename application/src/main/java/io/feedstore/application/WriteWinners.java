package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.consolidation.AnomalyRule;
import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.consolidation.NewestPerIdIndex;
import io.feedstore.domain.consolidation.PartitionMembership;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.consolidation.RowDigest;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.consolidation.StoreOutcomes;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.CheckedRow;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.SpillSpace;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * Step 3, pass 2: encodes each id's winning row into the consolidated file, reading every input again from the
 * content pass 1 opened, and records the digest of each row written for verification; then publishes the file by
 * compare-and-swap on the generation of the consolidated file that was merged (or on its absence), so a file
 * written by anyone after that read makes this write fail instead of dropping their rows.
 *
 * <p>Rows are written in the order the inputs hold them (no sorting, no temporary copy). Ids whose newest rows tie
 * on {@code ingested_at} are settled by comparing their candidate rows ({@link Deduplication#newer}, in a
 * {@link TieSpill}) and written last, in id order. Every row is checked here against every rule of the record, pass 1
 * having read only two columns, on its bytes ({@link StoredRow#check()}): a winner's texts go from input to output
 * as UTF-8, never decoded into strings. A row of another partition refuses the whole consolidation.
 */
final class WriteWinners {

    sealed interface Written permits Published, Stopped {}

    record Published(Generation generation) implements Written {}

    /** The file could not be written or published; nothing was deleted. */
    record Stopped(PartitionReport report) implements Written {}

    /** A row of pass 2: a winner with its digest (computed on the decoding thread), or a tied id's candidate. */
    private sealed interface Decoded permits Winner, Candidate {}

    private record Winner(StoredRow row, int entry, RowDigest digest) implements Decoded {}

    private record Candidate(PressRelease row, int entry) implements Decoded {}

    /** An input holds a row of another partition; its message names the file and the rule. */
    private static final class Misplaced extends IOException {
        Misplaced(String message) {
            super(message);
        }
    }

    private final ObjectStore store;
    private final RecordCodec codec;
    private final Workers workers;
    private final SpillSpace spill;
    private final int bucketIds;
    private final RowHash hash;
    private final AnotherRun anotherRun;

    /** Each winner's digest, which the read-back checks, is taken with {@code hash}. */
    WriteWinners(ObjectStore store, RecordCodec codec, Workers workers, SpillSpace spill, int bucketIds, RowHash hash) {
        this.store = store;
        this.codec = codec;
        this.workers = workers;
        this.spill = spill;
        this.bucketIds = bucketIds;
        this.hash = hash;
        this.anotherRun = new AnotherRun(store);
    }

    Written publish(Merge merge) {
        ObjectKey target = merge.plan().partition().consolidatedKey();
        Encoding encoded = new Encoding(merge);
        Option<OpenedInput> previous = merge.inputs().consolidated();
        Either<StoreFailure, Generation> write = previous.isDefined()
                ? store.write(target, WriteCondition.ifGeneration(previous.get().generation()), encoded)
                : store.write(target, WriteCondition.ifAbsent(), encoded);
        if (write.isRight()) {
            return new Published(write.get());
        }
        if (encoded.misplaced.isDefined()) {
            return new Stopped(PartitionReport.failed(merge.plan(), merge.figures(), refusal(encoded.misplaced.get())));
        }
        StoreFailure failure = write.getLeft();
        PartitionStatus status = StoreOutcomes.ofPublishing(failure);
        if (status == PartitionStatus.FAILED
                && anotherRun.changed(merge.plan().partition(), merge.inputs().asOpened())) {
            return new Stopped(PartitionReport.stopped(
                    PartitionStatus.CONFLICT,
                    merge.plan(),
                    merge.figures(),
                    "could not write " + target + ": another run changed the inputs while they were read ("
                            + failure.message() + "); nothing was deleted"));
        }
        return new Stopped(PartitionReport.stopped(
                status,
                merge.plan(),
                merge.figures(),
                status == PartitionStatus.FAILED
                        ? "could not write " + target + ": " + failure.message() + "; nothing was deleted"
                        : target + " changed since it was read (another run won): " + failure.message()
                                + "; nothing was deleted"));
    }

    /** A dry run: encodes the file to count its bytes, keeps nothing. */
    PartitionReport plan(Merge merge, AnomalyRule anomalyRule) {
        Partition partition = merge.plan().partition();
        Encoding encoded = new Encoding(merge);
        CountingOutputStream counted = new CountingOutputStream();
        try {
            encoded.writeTo(counted);
        } catch (Misplaced e) {
            return PartitionReport.failed(merge.plan(), merge.figures(), refusal(e.getMessage()));
        } catch (IOException e) {
            return PartitionReport.failed(
                    merge.plan(),
                    merge.figures(),
                    "could not plan " + partition.consolidatedKey() + ": " + e.getMessage() + "; nothing was changed");
        }
        return PartitionReport.planned(
                merge.plan(),
                merge.figures(),
                counted.count,
                anomalyRule,
                "would write " + merge.figures().finalRows() + " rows to "
                        + partition.consolidatedKey().name() + " and delete "
                        + merge.inputs().toDelete().size() + " merged files");
    }

    private static String refusal(String misplaced) {
        return "refused " + misplaced + "; nothing was deleted";
    }

    /** The consolidated file's content, as the store asks for it; remembers a refusal the store reports as I/O. */
    private final class Encoding implements ContentWriter {
        private final Merge merge;
        private Option<String> misplaced = Option.none();

        Encoding(Merge merge) {
            this.merge = merge;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try {
                encode(out);
            } catch (Misplaced e) {
                misplaced = Option.of(e.getMessage());
                throw e;
            }
        }

        private void encode(OutputStream out) throws IOException {
            NewestPerIdIndex index = merge.index();
            OpenedInputs inputs = merge.inputs();
            Partition partition = merge.plan().partition();
            BitSet[] winners = index.winningRows(inputs.size());
            boolean ties = index.tiedCount() > 0;
            try (TieSpill tied =
                            new TieSpill(ties ? index.ranks() : new int[0], bucketIds, Deduplication::newer, spill);
                    RecordSink sink = codec.encoder(FileRole.CONSOLIDATED, out)) {
                IntoFile intoFile = new IntoFile(index, tied, sink);
                workers.pipeline()
                        .run(
                                inputs.size(),
                                (number, emit) -> {
                                    OpenedInput input = inputs.get(number);
                                    Rows rows = new Rows(partition, index, winners[number], ties, hash, emit);
                                    Either<DecodeFailure, Long> decoded = codec.decodeChecked(input.content(), rows);
                                    if (rows.misplaced.isDefined()) {
                                        return Option.<IOException>of(
                                                new Misplaced(input.key() + ": " + rows.misplaced.get()));
                                    }
                                    return decoded.isLeft()
                                            ? Option.of(new IOException("cannot decode " + input.key() + ": "
                                                    + decoded.getLeft().reason()))
                                            : Option.<IOException>none();
                                },
                                intoFile);
                if (intoFile.failure.isDefined()) {
                    throw intoFile.failure.get();
                }
                tied.drainInto(settled -> {
                    index.setDigest(index.find(NewestPerIdIndex.idBytes(settled)), hash.of(StoredRow.of(settled)));
                    sink.write(settled);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * One input's rows on its decoding thread: emits the winners and tied candidates; stops emitting at the first
     * row that does not belong to the partition.
     */
    private static final class Rows implements Consumer<CheckedRow> {
        private final Partition partition;
        private final NewestPerIdIndex index;
        private final BitSet mine;
        private final boolean ties;
        private final RowHash hash;
        private final Consumer<Decoded> emit;
        private int row;
        private Option<String> misplaced = Option.none();

        Rows(
                Partition partition,
                NewestPerIdIndex index,
                BitSet mine,
                boolean ties,
                RowHash hash,
                Consumer<Decoded> emit) {
            this.partition = partition;
            this.index = index;
            this.mine = mine;
            this.ties = ties;
            this.hash = hash;
            this.emit = emit;
        }

        @Override
        public void accept(CheckedRow r) {
            if (misplaced.isDefined()) {
                return;
            }
            if (!PartitionMembership.belongs(r, partition)) {
                misplaced = Option.of(PartitionMembership.misplaced(r, partition));
                return;
            }
            // The row's id column holds the id's UTF-8 bytes, as the index keeps them.
            byte[] id = r.row().value(0);
            if (mine.get(row++)) {
                emit.accept(new Winner(r.row(), index.find(id), hash.of(r.row())));
            } else if (ties) {
                int entry = index.find(id);
                if (entry >= 0 && index.isTied(entry) && index.ingestedAt(entry) == r.ingestedAtKey()) {
                    // Only tied candidates are compared as records, so only they are decoded in full.
                    emit.accept(new Candidate(r.row().toPressRelease(), entry));
                }
            }
        }
    }

    /** On the calling thread, in input order: winners into the file, candidates into the tie spill. */
    private static final class IntoFile implements InOrderPipeline.Receiver<Decoded, Option<IOException>> {
        private final NewestPerIdIndex index;
        private final TieSpill tied;
        private final RecordSink sink;
        private Option<IOException> failure = Option.none();

        IntoFile(NewestPerIdIndex index, TieSpill tied, RecordSink sink) {
            this.index = index;
            this.tied = tied;
            this.sink = sink;
        }

        @Override
        public void item(int number, Decoded decoded) {
            try {
                if (decoded instanceof Winner w) {
                    index.setDigest(w.entry(), w.digest());
                    sink.write(w.row());
                } else {
                    Candidate c = (Candidate) decoded;
                    tied.add(c.entry(), c.row());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean done(int number, Option<IOException> result) {
            failure = result;
            return result.isEmpty();
        }
    }

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
}
