package io.feedstore.domain.consolidation;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.store.ObjectInfo;
import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;

/**
 * What consolidating a partition will read, decided from one listing: every Parquet file directly in the
 * partition, the existing consolidated file included, so a re-run can never drop what an earlier run merged.
 */
public record ConsolidationPlan(Partition partition, List<PartitionFile> inputs) {

    public ConsolidationPlan {
        Objects.requireNonNull(partition, "partition");
        inputs = List.copyOf(inputs);
        for (PartitionFile input : inputs) {
            if (!input.isData() || !input.object().key().parent().equals(partition.prefix())) {
                throw new IllegalArgumentException(
                        input.object().key() + " is not a data file of partition " + partition);
            }
        }
    }

    public static ConsolidationPlan of(Partition partition, List<ObjectInfo> listing) {
        List<PartitionFile> inputs = listing.stream()
                .filter(o -> o.key().parent().equals(partition.prefix()))
                .map(PartitionFile::classify)
                .filter(PartitionFile::isData)
                .toList();
        return new ConsolidationPlan(partition, inputs);
    }

    public Option<PartitionFile> consolidated() {
        return Option.ofOptional(inputs.stream()
                .filter(f -> f.kind() == PartitionFile.Kind.CONSOLIDATED)
                .findFirst());
    }

    /** The inputs other than the consolidated file: these are deleted once their rows are safely consolidated. */
    public List<PartitionFile> toMerge() {
        return inputs.stream()
                .filter(f -> f.kind() != PartitionFile.Kind.CONSOLIDATED)
                .toList();
    }

    /** Only a consolidated file (or nothing): there is nothing to merge and nothing is rewritten. */
    public boolean nothingToMerge() {
        return toMerge().isEmpty();
    }

    public int count(PartitionFile.Kind kind) {
        return (int) inputs.stream().filter(f -> f.kind() == kind).count();
    }

    public long bytes() {
        return inputs.stream().mapToLong(f -> f.object().size()).sum();
    }
}
