package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.Deduplicated;
import io.feedstore.domain.consolidation.Deduplication;
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
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
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

    public ConsolidatePartitions(ObjectStore store, RecordCodec codec, ConsolidationSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

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

    /** One input as read: its listing entry, the generation its content was read at, and its rows. */
    private record Input(PartitionFile file, Generation generation, long bytes, List<PressRelease> rows) {
        ObjectKey key() {
            return file.object().key();
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

            Map<ObjectKey, Either<StoreFailure, StoredObject>> contents =
                    store.readAll(plan.inputs().stream().map(f -> f.object().key()).toList());
            List<Input> inputs = new ArrayList<>();
            for (PartitionFile file : plan.inputs()) {
                Either<PartitionReport, Input> input = decode(file, contents.get(file.object().key()));
                if (input.isLeft()) {
                    return input.getLeft();
                }
                inputs.add(input.get());
            }
            List<PressRelease> rows = new ArrayList<>();
            inputs.forEach(input -> rows.addAll(input.rows()));
            Deduplicated merged = Deduplication.newestPerId(rows);
            long bytesBefore = inputs.stream().mapToLong(Input::bytes).sum();
            byte[] content = codec.encode(merged.records(), settings.encoding());
            List<Input> toDelete = inputs.stream()
                    .filter(i -> i.file().kind() != PartitionFile.Kind.CONSOLIDATED)
                    .toList();

            if (mode == RunMode.DRY_RUN) {
                return report(PartitionStatus.PLANNED, merged, bytesBefore, content.length,
                        "would write " + merged.records().size() + " rows to " + partition.consolidatedKey().name()
                                + " and delete " + toDelete.size() + " merged files");
            }

            stage = Stage.WRITING;
            ObjectKey target = partition.consolidatedKey();
            Option<Input> previous = Option.ofOptional(inputs.stream()
                    .filter(i -> i.file().kind() == PartitionFile.Kind.CONSOLIDATED)
                    .findFirst());
            // The compare-and-swap is on the generation whose content was merged: a consolidated file written by
            // anyone after that read makes this write fail instead of dropping their rows.
            Either<StoreFailure, Generation> write = previous.isDefined()
                    ? store.replaceIfUnchanged(target, previous.get().generation(), content)
                    : store.createIfAbsent(target, content);
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

            Option<PartitionReport> notVerified = verify(target, written, merged, bytesBefore);
            if (notVerified.isDefined()) {
                return notVerified.get();
            }

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
                return report(PartitionStatus.FAILED, merged, bytesBefore, content.length,
                        target.name() + " is written and verified, but " + failedDeletes.size() + " of "
                                + toDelete.size() + " merged inputs could not be deleted (" + failedDeletes.get(0)
                                + "); no row is lost: the leftover inputs will be merged again next run");
            }
            return report(PartitionStatus.CONSOLIDATED, merged, bytesBefore, content.length,
                    leftInPlace == 0 ? null
                            : leftInPlace + " merged inputs had changed or were already gone and were left alone;"
                                    + " the next run merges whatever remains");
        }

        /** Decodes one input as read, or the report that ends the run, having changed nothing. */
        private Either<PartitionReport, Input> decode(PartitionFile file, Either<StoreFailure, StoredObject> stored) {
            ObjectKey key = file.object().key();
            if (stored.isLeft()) {
                if (stored.getLeft() instanceof StoreFailure.NotFound) {
                    return Either.left(early(PartitionStatus.CONFLICT, key + " vanished between listing and"
                            + " reading (another run is consolidating this partition); nothing was changed"));
                }
                return Either.left(early(PartitionStatus.FAILED, "could not read " + key + ": "
                        + stored.getLeft().message() + "; nothing was changed"));
            }
            Either<DecodeFailure, List<PressRelease>> rows = codec.decode(stored.get().content());
            if (rows.isLeft()) {
                return Either.left(early(PartitionStatus.FAILED, "cannot decode " + key + ": "
                        + rows.getLeft().reason() + "; nothing was changed"));
            }
            return Either.right(new Input(file, stored.get().generation(), stored.get().content().length, rows.get()));
        }

        /**
         * Reads the consolidated file back and proves it is the one this run wrote, holding exactly the merged
         * rows; otherwise the report that ends the run before anything is deleted.
         */
        private Option<PartitionReport> verify(ObjectKey target, Generation written, Deduplicated merged,
                                               long bytesBefore) {
            Either<StoreFailure, StoredObject> back = store.read(target);
            if (back.isLeft()) {
                PartitionStatus status = back.getLeft() instanceof StoreFailure.NotFound
                        ? PartitionStatus.CONFLICT : PartitionStatus.FAILED;
                return Option.of(report(status, merged, bytesBefore, 0, "could not read back " + target + ": "
                        + back.getLeft().message() + "; nothing was deleted"));
            }
            if (!back.get().generation().equals(written)) {
                return Option.of(report(PartitionStatus.CONFLICT, merged, bytesBefore, 0, target
                        + " was replaced by another run after this one wrote it (generation " + written + ", now "
                        + back.get().generation() + "); nothing was deleted"));
            }
            Either<DecodeFailure, List<PressRelease>> stored = codec.decode(back.get().content());
            if (stored.isLeft()) {
                return Option.of(report(PartitionStatus.FAILED, merged, bytesBefore, 0, target
                        + " as stored cannot be decoded: " + stored.getLeft().reason() + "; nothing was deleted"));
            }
            Either<String, Verification.Verified> verified = Verification.check(merged.records(), stored.get());
            if (verified.isLeft()) {
                return Option.of(report(PartitionStatus.FAILED, merged, bytesBefore, 0, target
                        + " failed verification: " + verified.getLeft() + "; nothing was deleted"));
            }
            return Option.none();
        }

        private PartitionReport early(PartitionStatus status, String detail) {
            return PartitionReport.early(partition, status, plan, detail);
        }

        private PartitionReport report(PartitionStatus status, Deduplicated merged, long bytesBefore, long bytesAfter,
                                       String detail) {
            boolean counted = status == PartitionStatus.CONSOLIDATED || status == PartitionStatus.PLANNED;
            int finalRows = merged.records().size();
            return new PartitionReport(partition, status,
                    plan.count(PartitionFile.Kind.BATCH), plan.count(PartitionFile.Kind.LEGACY),
                    plan.consolidated().isDefined(), merged.inputRows(), merged.duplicatesRemoved(), finalRows,
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
