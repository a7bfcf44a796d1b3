package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.codec.RowKeys;
import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.NewestPerIdIndex;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.consolidation.StoreOutcomes;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Step 2, pass 1: opens every input (the generation it has now is the one merged, compare-and-swapped on and
 * deleted) and reads only each row's keys (id, {@code ingested_at}) into the index that picks each id's newest row.
 */
final class PickWinners {

    sealed interface Picked permits Merge, Stopped {}

    /** An input could not be opened or decoded: the consolidation ends here, having changed nothing. */
    record Stopped(PartitionReport report) implements Picked {}

    /** One row as pass 1 reads it: only what picks the winner. */
    private record Keys(byte[] id, long ingestedAt, int row) {}

    private final ObjectStore store;
    private final RecordCodec codec;
    private final Workers workers;
    private final AnotherRun anotherRun;

    PickWinners(ObjectStore store, RecordCodec codec, Workers workers) {
        this.store = store;
        this.codec = codec;
        this.workers = workers;
        this.anotherRun = new AnotherRun(store);
    }

    Picked pick(ConsolidationPlan plan, OpenedInputs inputs) {
        Option<PartitionReport> unopened = open(plan, inputs);
        if (unopened.isDefined()) {
            return new Stopped(unopened.get());
        }
        IntoIndex index = new IntoIndex();
        workers.pipeline()
                .run(
                        inputs.size(),
                        (number, emit) -> {
                            OpenedInput input = inputs.get(number);
                            Either<DecodeFailure, Long> rows = codec.decodeKeys(input.content(), new Numbered(emit));
                            return rows.isLeft()
                                    ? Option.of(
                                            input.key() + ": " + rows.getLeft().reason())
                                    : Option.<String>none();
                        },
                        index);
        if (index.failure.isDefined()) {
            PartitionStatus status =
                    StoreOutcomes.ofFailingWhile(anotherRun.changed(plan.partition(), inputs.asOpened()));
            return new Stopped(PartitionReport.early(
                    plan.partition(),
                    status,
                    plan,
                    status == PartitionStatus.CONFLICT
                            ? "could not read " + index.failure.get() + ", as opened: another run changed the partition"
                                    + " meanwhile; nothing was changed"
                            : "cannot decode " + index.failure.get() + "; nothing was changed"));
        }
        return new Merge(
                plan,
                inputs,
                index.index,
                new PartitionReport.Merged(index.index.offered(), index.index.size(), inputs.bytes()));
    }

    /**
     * Opens every input into {@code inputs}; every one opened is kept (and closed with {@code inputs}) before any
     * failure is looked at. Answers the report of the first input, in plan order, that could not be opened.
     */
    private Option<PartitionReport> open(ConsolidationPlan plan, OpenedInputs inputs) {
        List<PartitionFile> files = plan.inputs();
        Map<ObjectKey, Either<StoreFailure, ObjectContent>> opened = BulkCalls.openAll(
                store, files.stream().map(f -> f.object().key()).toList());
        Option<PartitionReport> unopened = Option.none();
        for (PartitionFile file : files) {
            Either<StoreFailure, ObjectContent> stored =
                    opened.get(file.object().key());
            if (stored.isRight()) {
                inputs.add(new OpenedInput(file, stored.get()));
            } else if (unopened.isEmpty()) {
                unopened = Option.of(unopened(plan, file.object().key(), stored.getLeft()));
            }
        }
        return unopened;
    }

    private static PartitionReport unopened(ConsolidationPlan plan, ObjectKey key, StoreFailure failure) {
        PartitionStatus status = StoreOutcomes.ofOpeningAnInput(failure);
        String detail = status == PartitionStatus.CONFLICT
                ? key + " vanished between listing and reading (another run is consolidating this partition);"
                        + " nothing was changed"
                : "could not read " + key + ": " + failure.message() + "; nothing was changed";
        return PartitionReport.early(plan.partition(), status, plan, detail);
    }

    /** Numbers one input's rows as the decoder hands them over. */
    private static final class Numbered implements RowKeys {
        private final Consumer<Keys> emit;
        private int row;

        Numbered(Consumer<Keys> emit) {
            this.emit = emit;
        }

        @Override
        public void accept(byte[] id, long ingestedAtMicros) {
            emit.accept(new Keys(id, ingestedAtMicros, row++));
        }
    }

    /** Feeds the keys, in input order, to the index; the first input that cannot be decoded stops the pass. */
    private static final class IntoIndex implements InOrderPipeline.Receiver<Keys, Option<String>> {
        private final NewestPerIdIndex index = new NewestPerIdIndex();
        private Option<String> failure = Option.none();

        @Override
        public void item(int number, Keys keys) {
            index.offer(keys.id(), keys.ingestedAt(), number, keys.row());
        }

        @Override
        public boolean done(int number, Option<String> result) {
            failure = result;
            return result.isEmpty();
        }
    }
}
