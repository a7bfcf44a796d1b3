package io.feedstore.application;

import io.feedstore.domain.partition.PartitionFile;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import java.util.Objects;

/** One input of a consolidation as opened: its listing entry and its content, pinned to the generation opened. */
record OpenedInput(PartitionFile file, ObjectContent content) {

    OpenedInput {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
    }

    ObjectKey key() {
        return file.object().key();
    }

    /** The generation whose content is merged, compare-and-swapped on and deleted. */
    Generation generation() {
        return content.generation();
    }

    long bytes() {
        return content.size();
    }

    boolean isConsolidated() {
        return file.kind() == PartitionFile.Kind.CONSOLIDATED;
    }
}
