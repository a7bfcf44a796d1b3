package io.feedstore.application;

import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.util.List;

/** Step 1: what consolidating a partition merges, decided from one listing; anything listed later waits. */
final class PlanConsolidation {

    sealed interface Planned permits ToMerge, Stopped {}

    record ToMerge(ConsolidationPlan plan) implements Planned {}

    /** The listing failed, or there is nothing to merge: the consolidation ends here, having changed nothing. */
    record Stopped(PartitionReport report) implements Planned {}

    private final ObjectStore store;

    PlanConsolidation(ObjectStore store) {
        this.store = store;
    }

    Planned plan(Partition partition) {
        Either<StoreFailure, List<ObjectInfo>> listing = store.list(partition.prefix());
        if (listing.isLeft()) {
            return new Stopped(PartitionReport.failed(
                    partition,
                    "could not list " + partition.prefix() + ": "
                            + listing.getLeft().message() + "; nothing was changed"));
        }
        ConsolidationPlan plan = ConsolidationPlan.of(partition, listing.get());
        return plan.nothingToMerge() ? new Stopped(PartitionReport.nothingToDo(plan)) : new ToMerge(plan);
    }
}
