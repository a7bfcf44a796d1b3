package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * {@link Verification} for a file too large to hold: the stored rows are checked one by one against the expected
 * id → {@link RowDigest} map of a {@link NewestPerIdIndex} (each id once, none missing, none extra, each with the
 * expected content), and the outcome is worded as {@link Verification#check} words it.
 */
public final class DigestVerification {

    private static final int SHOWN = 5;
    /** Problems kept to show; the rest are only counted. */
    private static final int KEPT = 1_000;

    private final NewestPerIdIndex expected;
    private final RowHash hash;
    private final BitSet seen = new BitSet();
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private long stored;

    /** Checks stored rows against {@code expected}, whose digests were taken with {@code hash}. */
    public DigestVerification(NewestPerIdIndex expected, RowHash hash) {
        this.expected = Objects.requireNonNull(expected, "expected");
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    /**
     * What verification needs of a stored row, computed where the row was decoded (on any thread): the costly part,
     * the digest, need not be taken on the thread that checks.
     */
    public record Stored(byte[] id, RowDigest digest) {
        String idText() {
            return new String(id, StandardCharsets.UTF_8);
        }
    }

    /**
     * The id and digest of a row as the file holds it, its texts never decoded: the mapping to run where the row was
     * decoded.
     */
    public Stored stored(StoredRow row) {
        // A row without an id matches no expected row: verification fails on it as an extra row.
        return new Stored(row.value(0) == null ? new byte[0] : row.value(0), hash.of(row));
    }

    /** Checks one stored row. */
    public void accept(PressRelease row) {
        accept(stored(StoredRow.of(row)));
    }

    /** Checks one stored row. */
    public void accept(Stored row) {
        stored++;
        int entry = expected.find(row.id());
        if (entry < 0) {
            problem("id " + row.idText() + " is stored but was not written");
        } else if (seen.get(entry)) {
            problem("id " + row.idText() + " is stored more than once");
        } else {
            seen.set(entry);
            if (!expected.sameDigest(entry, row.digest())) {
                problem("id " + row.idText() + " is stored with different content");
            }
        }
    }

    /** {@code Right} when the rows seen are exactly the expected ones; otherwise what differs. */
    public Either<String, Verification.Verified> result() {
        for (int entry = seen.nextClearBit(0); entry < expected.size(); entry = seen.nextClearBit(entry + 1)) {
            problem("id " + expected.id(entry) + " is missing");
        }
        if (problemCount == 0) {
            return Either.right(new Verification.Verified(Math.toIntExact(stored)));
        }
        List<String> sorted = new ArrayList<>(problems);
        sorted.sort(null);
        String shown = String.join("; ", sorted.subList(0, Math.min(SHOWN, sorted.size())));
        String more = problemCount > SHOWN ? " (and " + (problemCount - SHOWN) + " more)" : "";
        return Either.left("expected " + expected.size() + " rows, found " + stored + ": " + shown + more);
    }

    private void problem(String problem) {
        problemCount++;
        if (problems.size() < KEPT) {
            problems.add(problem);
        }
    }
}
