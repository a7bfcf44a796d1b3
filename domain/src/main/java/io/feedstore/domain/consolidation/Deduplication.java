package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one version per press release: the newest by {@code ingested_at}, ties broken by content
 * ({@link PressRelease#NEWEST_LAST}). The result depends only on the multiset of rows, never on their order,
 * and deduplicating a result again changes nothing.
 */
public final class Deduplication {

    private Deduplication() {}

    public static Deduplicated newestPerId(Iterable<PressRelease> rows) {
        Map<PressReleaseId, PressRelease> newest = new HashMap<>();
        int inputRows = 0;
        for (PressRelease row : rows) {
            inputRows++;
            newest.merge(row.id(), row, Deduplication::newer);
        }
        List<PressRelease> winners = new ArrayList<>(newest.values());
        winners.sort(Comparator.comparing(PressRelease::id));
        return new Deduplicated(List.copyOf(winners), inputRows);
    }

    public static PressRelease newer(PressRelease a, PressRelease b) {
        return PressRelease.NEWEST_LAST.compare(a, b) >= 0 ? a : b;
    }
}
