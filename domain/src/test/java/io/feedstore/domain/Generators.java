package io.feedstore.domain;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators for the domain's values, covering the whole valid range and its edges. */
public final class Generators {

    public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    public static final long FIRST_SECOND = FIRST_DAY.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    public static final long LAST_SECOND = LAST_DAY.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) - 1;

    private static final String SOURCE_FIRST = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SOURCE_REST = SOURCE_FIRST + "_-";
    private static final String UNIQUE = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Generators() {}

    /** Well-formed text: ASCII, control characters, the rest of the BMP without surrogates, supplementary planes. */
    public static Gen<String> texts(int maxCodePoints) {
        Gen<Integer> codePoint = Generate.frequency(List.of(
                Pair.of(8, integers().between(0x20, 0x7E)),
                Pair.of(1, integers().between(0x00, 0x1F)),
                Pair.of(2, integers().between(0xA0, 0xD7FF)),
                Pair.of(1, integers().between(0xE000, 0xFFFF)),
                Pair.of(1, integers().between(0x10000, 0x10FFFF))));
        return lists().of(codePoint).ofSizeBetween(0, maxCodePoints).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    public static <T> Gen<Option<T>> options(Gen<T> values) {
        Gen<Boolean> present = Generate.booleans();
        return in -> present.generate(in) ? Option.some(values.generate(in)) : Option.none();
    }

    public static Gen<Source> sources() {
        Gen<Integer> first = integers().between(0, SOURCE_FIRST.length() - 1);
        Gen<List<Integer>> rest =
                lists().of(integers().between(0, SOURCE_REST.length() - 1)).ofSizeBetween(0, 63);
        return first.zip(rest, (f, r) -> {
            StringBuilder sb = new StringBuilder().append(SOURCE_FIRST.charAt(f));
            r.forEach(i -> sb.append(SOURCE_REST.charAt(i)));
            return Source.of(sb.toString());
        });
    }

    /** A handful of sources, so that generated records share partitions. */
    public static Gen<Source> fewSources() {
        return Generate.pick(List.of(Source.of("gmail"), Source.of("rss"), Source.of("news_wire-2")));
    }

    public static Gen<LocalDate> dates() {
        Gen<LocalDate> any =
                longs().between(FIRST_DAY.toEpochDay(), LAST_DAY.toEpochDay()).map(LocalDate::ofEpochDay);
        Gen<LocalDate> edges =
                Generate.pick(List.of(FIRST_DAY, LAST_DAY, LocalDate.of(2024, 2, 29), LocalDate.of(1999, 12, 31)));
        return Generate.frequency(List.of(Pair.of(4, any), Pair.of(1, edges)));
    }

    /**
     * Instants of years 0001 to 9999 at every precision: whole seconds, milliseconds, microseconds and
     * nanoseconds, plus the first and last representable instants.
     */
    public static Gen<Instant> instants() {
        Gen<Long> seconds = Generate.frequency(List.of(
                Pair.of(3, longs().between(FIRST_SECOND, LAST_SECOND)),
                Pair.of(
                        3,
                        longs().between(
                                        Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                                        Instant.parse("2030-01-01T00:00:00Z").getEpochSecond())),
                Pair.of(1, Generate.pick(List.of(FIRST_SECOND, LAST_SECOND, 0L)))));
        Gen<Integer> nanos = Generate.frequency(List.of(
                Pair.of(2, Generate.constant(0)),
                Pair.of(1, integers().between(0, 999).map(ms -> ms * 1_000_000)),
                Pair.of(2, integers().between(0, 999_999).map(us -> us * 1_000)),
                Pair.of(1, integers().between(0, 999_999_999))));
        return seconds.zip(nanos, Instant::ofEpochSecond);
    }

    /** Instants near {@code base}: the same second, the same millisecond, or far apart, either side. */
    public static Gen<Instant> near(Instant base) {
        Gen<Long> delta = Generate.frequency(List.of(
                Pair.of(2, longs().between(-999, 999)),
                Pair.of(2, longs().between(-999_999, 999_999)),
                Pair.of(2, longs().between(-999_999_999, 999_999_999)),
                Pair.of(1, longs().between(-86_400_000_000_000L, 86_400_000_000_000L))));
        return delta.map(base::plusNanos).map(Generators::clamp);
    }

    private static Instant clamp(Instant instant) {
        Instant first = Instant.ofEpochSecond(FIRST_SECOND);
        Instant last = Instant.ofEpochSecond(LAST_SECOND, 999_999_999);
        return instant.isBefore(first) ? first : instant.isAfter(last) ? last : instant;
    }

    /** Blank texts are mapped, not filtered: QuickTheories gives up on a run when too many values are rejected. */
    public static Gen<PressReleaseId> ids() {
        return texts(20).map(s -> s.isBlank() ? "id" + s : s).map(PressReleaseId::of);
    }

    /** Ids drawn from a pool of {@code size}, so that duplicates are frequent. */
    public static Gen<PressReleaseId> idsFrom(int size) {
        return integers().between(1, size).map(i -> PressReleaseId.of("pr-" + i));
    }

    public static Gen<PressRelease> pressReleases() {
        return pressReleases(ids(), sources(), dates(), options(instants()));
    }

    public static Gen<PressRelease> pressReleases(
            Gen<PressReleaseId> ids, Gen<Source> sources, Gen<LocalDate> dates, Gen<Option<Instant>> ingestedAt) {
        Gen<Option<String>> text = options(texts(40));
        Gen<Option<Instant>> timestamps = options(instants());
        Gen<Option<Integer>> versions = options(integers().all());
        return in -> new PressRelease(
                ids.generate(in),
                text.generate(in),
                text.generate(in),
                dates.generate(in),
                timestamps.generate(in),
                ingestedAt.generate(in),
                text.generate(in),
                text.generate(in),
                sources.generate(in),
                text.generate(in),
                versions.generate(in),
                versions.generate(in));
    }

    /**
     * A row of one partition with its id and {@code ingested_at} drawn from small pools, so that the same id comes
     * back with older, newer, equal and missing timestamps (some a nanosecond apart), and with equal timestamps but
     * different parser versions or content.
     */
    public static Gen<PressRelease> collidingRow() {
        Gen<Option<Instant>> fewInstants = options(Generate.pick(List.of(
                Instant.parse("2025-01-15T10:00:00Z"),
                Instant.parse("2025-01-15T10:00:00.000000001Z"),
                Instant.parse("2025-01-15T10:00:00.000001Z"),
                Instant.parse("2025-01-15T11:00:00Z"))));
        Gen<PressRelease> base = pressReleases(
                idsFrom(6),
                Generate.constant(Source.of("rss")),
                Generate.constant(LocalDate.of(2025, 1, 15)),
                fewInstants);
        Gen<String> fewTitles = Generate.pick(List.of("a", "b", "c"));
        Gen<Option<Integer>> fewParsers = options(Generate.pick(List.of(1, 2)));
        return base.zip(
                fewTitles,
                fewParsers,
                (r, title, parser) -> new PressRelease(
                        r.id(),
                        r.companyName(),
                        r.category(),
                        r.releaseDate(),
                        r.releaseTimestamp(),
                        r.ingestedAt(),
                        Option.of(title),
                        r.fullText(),
                        r.source(),
                        r.sourceUrl(),
                        parser,
                        r.schemaVersion()));
    }

    public static Gen<List<PressRelease>> collidingRows(int maxRows) {
        return lists().of(collidingRow()).ofSizeBetween(0, maxRows);
    }

    public static Gen<Partition> partitions() {
        return sources().zip(dates(), Partition::new);
    }

    public static Gen<BatchName> batchNames() {
        Gen<Integer> sequence = Generate.frequency(List.of(
                Pair.of(3, integers().between(0, 9_999)), Pair.of(1, integers().between(0, 999_999_999))));
        Gen<LocalDateTime> createdAt = instants().map(i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        Gen<String> unique = lists().of(integers().between(0, UNIQUE.length() - 1))
                .ofSizeBetween(4, 32)
                .map(l -> {
                    StringBuilder sb = new StringBuilder();
                    l.forEach(i -> sb.append(UNIQUE.charAt(i)));
                    return sb.toString();
                });
        return sequence.zip(createdAt, unique, BatchName::new);
    }

    /** A reproducible permutation of {@code list}; the seed is part of the generated example. */
    public static <T> List<T> shuffled(List<T> list, long seed) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}
