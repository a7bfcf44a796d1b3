package io.feedstore.application;

import io.feedstore.domain.store.ObjectKey;
import java.util.List;
import java.util.Objects;

/**
 * What an email ingestion did: messages read, items newly archived (at least one part created) and already
 * archived, press releases parsed, and the rejected messages (archived all the same and dead-lettered).
 */
public record EmailIngestReport(
        long read,
        long archived,
        long alreadyArchived,
        long parsed,
        List<Rejected> rejected,
        List<ObjectKey> batches,
        List<ObjectKey> deadLetters) {

    public EmailIngestReport {
        rejected = List.copyOf(rejected);
        batches = List.copyOf(batches);
        deadLetters = List.copyOf(deadLetters);
    }

    /** A message that yields no press release: where it came from, its bronze folder and why. */
    public record Rejected(String origin, String bronzePrefix, String reason) {
        public Rejected {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(bronzePrefix, "bronzePrefix");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
