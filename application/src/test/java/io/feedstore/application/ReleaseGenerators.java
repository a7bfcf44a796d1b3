package io.feedstore.application;

import static org.quicktheories.generators.SourceDSL.integers;

import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.Source;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.quicktheories.core.Gen;

/**
 * Generators of press releases drawn from small pools, so that generated lists are full of collisions: the
 * same id many times, in several partitions, with equal, different and missing {@code ingested_at}, and equal
 * timestamps with different content (the tie-break).
 */
public final class ReleaseGenerators {

    public static final int IDS = 6;
    public static final int STAMPS = 3;
    public static final int VARIANTS = 3;
    public static final List<Partition> PARTITIONS = List.of(
            new Partition(Source.of("alpha"), LocalDate.of(2025, 1, 14)),
            new Partition(Source.of("alpha"), LocalDate.of(2025, 1, 15)),
            new Partition(Source.of("beta-2"), LocalDate.of(2025, 1, 14)),
            new Partition(Source.of("beta-2"), LocalDate.of(2025, 1, 15)));

    private static final Instant BASE = Instant.parse("2025-01-15T10:00:00Z");

    private ReleaseGenerators() {}

    /** A release from the pools; the arguments index them, which keeps failing examples readable. */
    public static PressRelease release(int id, int partition, int stamp, int variant) {
        return Releases.release("pr-" + id, PARTITIONS.get(partition), stampAt(stamp), "title v" + variant);
    }

    /** Stamp 0 is a missing {@code ingested_at}; others are a few close instants with microseconds. */
    public static Instant stampAt(int stamp) {
        return stamp == 0 ? null : BASE.plusSeconds(stamp).plusNanos(stamp * 123_000L);
    }

    public static Gen<Integer> ids() {
        return integers().between(0, IDS - 1);
    }

    public static Gen<Integer> partitions() {
        return integers().between(0, PARTITIONS.size() - 1);
    }

    public static Gen<Integer> stamps() {
        return integers().between(0, STAMPS);
    }

    public static Gen<Integer> variants() {
        return integers().between(0, VARIANTS - 1);
    }

    public static Gen<PressRelease> releases() {
        return ids().zip(partitions(), stamps(), variants(), ReleaseGenerators::release)
                .describedAs(r -> r.id() + "@" + r.partition() + "/"
                        + r.ingestedAt().map(Instant::toString).getOrElse("-") + "/"
                        + r.title().getOrElse("-"));
    }
}
