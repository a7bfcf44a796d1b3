package io.feedstore.application;

import io.feedstore.domain.store.ObjectKey;
import java.util.List;
import java.util.Objects;

/**
 * What a replay did: bronze items found with {@code dt} in range, press releases made from them (written unless a
 * dry run), the items that yield none and why, the items missing a part, the batch files written and the dead
 * letters the rejected items were kept in (none in a dry run).
 */
public record ReplayReport(
        long items,
        long parsed,
        List<Problem> rejected,
        List<Problem> incomplete,
        List<ObjectKey> batches,
        List<ObjectKey> deadLetters) {

    public ReplayReport {
        rejected = List.copyOf(rejected);
        incomplete = List.copyOf(incomplete);
        batches = List.copyOf(batches);
        deadLetters = List.copyOf(deadLetters);
    }

    /** A bronze item (its folder) and what is wrong with it. */
    public record Problem(String bronzePrefix, String reason) {
        public Problem {
            Objects.requireNonNull(bronzePrefix, "bronzePrefix");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
