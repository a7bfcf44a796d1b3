package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Proof that a consolidated file as stored holds exactly what was meant to be written: the same ids, each once,
 * each with the same content. Row counts alone would let a corrupted or swapped file through.
 */
public final class Verification {

    private static final int SHOWN = 5;

    private Verification() {}

    /** {@code Right} when {@code stored} equals {@code expected} as a set of records; otherwise what differs. */
    public static Either<String, Verified> check(List<PressRelease> expected, List<PressRelease> stored) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(stored, "stored");
        Map<PressReleaseId, PressRelease> wanted = new HashMap<>();
        for (PressRelease r : expected) {
            if (wanted.put(r.id(), r) != null) {
                throw new IllegalArgumentException("expected records must have distinct ids; " + r.id() + " repeats");
            }
        }
        List<String> problems = new ArrayList<>();
        Map<PressReleaseId, PressRelease> seen = new HashMap<>();
        for (PressRelease r : stored) {
            if (seen.put(r.id(), r) != null) {
                problems.add("id " + r.id() + " is stored more than once");
            } else if (!wanted.containsKey(r.id())) {
                problems.add("id " + r.id() + " is stored but was not written");
            } else if (!wanted.get(r.id()).equals(r)) {
                problems.add("id " + r.id() + " is stored with different content");
            }
        }
        for (PressReleaseId id : wanted.keySet()) {
            if (!seen.containsKey(id)) {
                problems.add("id " + id + " is missing");
            }
        }
        if (problems.isEmpty()) {
            return Either.right(new Verified(stored.size()));
        }
        problems.sort(null);
        String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
        String more = problems.size() > SHOWN ? " (and " + (problems.size() - SHOWN) + " more)" : "";
        return Either.left("expected " + expected.size() + " rows, found " + stored.size() + ": " + shown + more);
    }

    /** A successful verification and the number of rows it proved. */
    public record Verified(int rows) {}
}
