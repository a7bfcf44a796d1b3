package io.feedstore.application;

import io.feedstore.domain.consolidation.AnomalyRule;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.StoreOutcomes;
import io.feedstore.domain.store.BulkCalls;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 5: deletes exactly the merged inputs, each only if it still has the generation whose content was merged
 * (and verified in the consolidated file). One that changed or is gone is left alone: its current content was not
 * merged, and the next run merges it.
 */
final class DeleteMerged {

    private final ObjectStore store;

    DeleteMerged(ObjectStore store) {
        this.store = store;
    }

    PartitionReport delete(Merge merge, long bytesAfter, AnomalyRule anomalyRule) {
        List<OpenedInput> toDelete = merge.inputs().toDelete();
        Map<ObjectKey, Generation> asRead = new LinkedHashMap<>();
        toDelete.forEach(input -> asRead.put(input.key(), input.generation()));
        List<String> failedDeletes = new ArrayList<>();
        int leftInPlace = 0;
        for (Either<StoreFailure, Done> deleted :
                BulkCalls.deleteAllIfUnchanged(store, asRead).values()) {
            if (deleted.isRight()) {
                continue;
            }
            if (StoreOutcomes.deleteFails(deleted.getLeft())) {
                failedDeletes.add(deleted.getLeft().message());
            } else {
                leftInPlace++;
            }
        }
        String consolidated = merge.plan().partition().consolidatedKey().name();
        if (!failedDeletes.isEmpty()) {
            return PartitionReport.notCleanedUp(
                    merge.plan(),
                    merge.figures(),
                    bytesAfter,
                    consolidated
                            + " is written and verified, but " + failedDeletes.size() + " of " + toDelete.size()
                            + " merged inputs could not be deleted (" + failedDeletes.get(0)
                            + "); no row is lost: the leftover inputs will be merged again next run");
        }
        return PartitionReport.succeeded(
                merge.plan(),
                merge.figures(),
                bytesAfter,
                anomalyRule,
                leftInPlace == 0
                        ? Option.none()
                        : Option.of(leftInPlace + " merged inputs had changed or were already gone and were left alone;"
                                + " the next run merges whatever remains"));
    }
}
