package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import java.util.List;
import java.util.Objects;

/** The winners of a deduplication, sorted by id, and how many rows went in. */
public record Deduplicated(List<PressRelease> records, int inputRows) {

    public Deduplicated {
        Objects.requireNonNull(records, "records");
        if (inputRows < records.size()) {
            throw new IllegalArgumentException(
                    "more winners (" + records.size() + ") than input rows (" + inputRows + ")");
        }
    }

    public int duplicatesRemoved() {
        return inputRows - records.size();
    }
}
