package io.feedstore.application;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.DigestVerification;
import io.feedstore.domain.consolidation.PartitionReport;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.consolidation.StoreOutcomes;
import io.feedstore.domain.consolidation.Verification;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.Map;

/**
 * Step 4, pass 3: streams the consolidated file back as stored and proves it is the generation this run wrote,
 * holding exactly the merged rows, by id and content digest. Nothing is deleted unless it holds.
 */
final class VerifyConsolidated {

    sealed interface Verified permits Holds, Stopped {}

    /** The file holds exactly the merged rows; {@code bytes} is its size. */
    record Holds(long bytes) implements Verified {}

    /** The file was replaced, could not be read back, or does not hold the merged rows; nothing was deleted. */
    record Stopped(PartitionReport report) implements Verified {}

    private final ObjectStore store;
    private final RecordCodec codec;
    private final RowHash hash;
    private final AnotherRun anotherRun;

    VerifyConsolidated(ObjectStore store, RecordCodec codec, RowHash hash) {
        this.store = store;
        this.codec = codec;
        this.hash = hash;
        this.anotherRun = new AnotherRun(store);
    }

    Verified verify(Merge merge, Generation written) {
        ObjectKey target = merge.plan().partition().consolidatedKey();
        Either<StoreFailure, ObjectContent> back = store.open(target, ReadCondition.atGeneration(written));
        if (back.isLeft()) {
            StoreFailure failure = back.getLeft();
            PartitionStatus status = StoreOutcomes.ofReadingBack(failure);
            return stopped(
                    merge,
                    status,
                    failure instanceof StoreFailure.PreconditionFailed
                            ? target + " was replaced by another run after this one wrote it (" + failure.message()
                                    + "); nothing was deleted"
                            : "could not read back " + target + ": " + failure.message() + "; nothing was deleted");
        }
        try (ObjectContent content = back.get()) {
            DigestVerification verification = new DigestVerification(merge.index(), hash);
            Either<DecodeFailure, Long> stored =
                    codec.decodeStoredMapped(content, verification::stored, verification::accept);
            if (stored.isLeft() && anotherRun.changed(merge.plan().partition(), Map.of(target, written))) {
                return stopped(
                        merge,
                        PartitionStatus.CONFLICT,
                        target + " was replaced by another run while this one" + " read it back ("
                                + stored.getLeft().reason() + "); nothing was deleted");
            }
            if (stored.isLeft()) {
                return stopped(
                        merge,
                        PartitionStatus.FAILED,
                        target + " as stored cannot be decoded: "
                                + stored.getLeft().reason() + "; nothing was deleted");
            }
            Either<String, Verification.Verified> verified = verification.result();
            if (verified.isLeft()) {
                return stopped(
                        merge,
                        PartitionStatus.FAILED,
                        target + " failed verification: " + verified.getLeft() + "; nothing was deleted");
            }
            return new Holds(content.size());
        } catch (IOException closing) {
            return stopped(
                    merge,
                    PartitionStatus.FAILED,
                    "could not read back " + target + ": " + closing.getMessage() + "; nothing was deleted");
        }
    }

    private static Stopped stopped(Merge merge, PartitionStatus status, String detail) {
        return new Stopped(PartitionReport.stopped(status, merge.plan(), merge.figures(), detail));
    }
}
