package io.feedstore.application;

import io.feedstore.domain.consolidation.ConsolidationPlan;
import io.feedstore.domain.consolidation.NewestPerIdIndex;
import io.feedstore.domain.consolidation.PartitionReport;
import java.util.Objects;

/**
 * A consolidation after pass 1: what it merges ({@code plan}, the {@code inputs} as opened), each id's winner
 * ({@code index}, which pass 2 fills with the digests that verification expects) and the figures so far.
 */
record Merge(ConsolidationPlan plan, OpenedInputs inputs, NewestPerIdIndex index, PartitionReport.Merged figures)
        implements PickWinners.Picked {

    Merge {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(figures, "figures");
    }
}
