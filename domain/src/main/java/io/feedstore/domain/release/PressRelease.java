package io.feedstore.domain.release;

import io.feedstore.domain.partition.Partition;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One version of a press release, as typed values. The twelve Parquet columns map onto these fields in
 * {@link WireRecord}, the only place that knows their string forms.
 *
 * <p>Instants are normalised on construction to what the wire carries: {@code releaseTimestamp} to whole
 * seconds; {@code ingestedAt} keeps the nanoseconds the producer gave, since versions a nanosecond apart must
 * still be told apart. Two records are therefore equal exactly when their wire forms are equal.
 */
public record PressRelease(
        PressReleaseId id,
        Option<String> companyName,
        Option<String> category,
        LocalDate releaseDate,
        Option<Instant> releaseTimestamp,
        Option<Instant> ingestedAt,
        Option<String> title,
        Option<String> fullText,
        Source source,
        Option<String> sourceUrl,
        Option<Integer> parserVersion,
        Option<Integer> schemaVersion) {

    /** Years the wire formats can write with four digits. */
    static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);

    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    /** The instants of those years: the first, and the first after them. */
    private static final Instant FIRST_INSTANT = EARLIEST.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);

    private static final Instant END_INSTANT = LATEST.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);

    /**
     * True while {@link WireRecord#toPressReleaseOfUtf8} builds a record on this thread: its texts were decoded
     * from well-formed UTF-8, which cannot encode a surrogate, so scanning them for an unpaired one again is
     * skipped. Everywhere else every text is scanned.
     */
    private static final ThreadLocal<boolean[]> TEXTS_FROM_UTF8 = ThreadLocal.withInitial(() -> new boolean[1]);

    public PressRelease {
        Objects.requireNonNull(id, "press_release_id");
        Objects.requireNonNull(releaseDate, "release_date");
        Objects.requireNonNull(source, "source");
        boolean scan = !TEXTS_FROM_UTF8.get()[0];
        requireText("company_name", companyName, scan);
        requireText("category", category, scan);
        requireText("title", title, scan);
        requireText("full_text", fullText, scan);
        requireText("source_url", sourceUrl, scan);
        Objects.requireNonNull(parserVersion, "parser_version");
        Objects.requireNonNull(schemaVersion, "schema_version");
        if (releaseDate.isBefore(EARLIEST) || releaseDate.isAfter(LATEST)) {
            throw new InvalidPressRelease(
                    "release_date", releaseDate.toString(), "must be between 0001-01-01 and 9999-12-31");
        }
        releaseTimestamp = inRange("release_ts_utc", releaseTimestamp).map(t -> t.truncatedTo(ChronoUnit.SECONDS));
        ingestedAt = inRange("ingested_at", ingestedAt);
    }

    public Partition partition() {
        return new Partition(source, releaseDate);
    }

    public PressRelease withIngestedAt(Instant instant) {
        return new PressRelease(
                id,
                companyName,
                category,
                releaseDate,
                releaseTimestamp,
                Option.of(instant),
                title,
                fullText,
                source,
                sourceUrl,
                parserVersion,
                schemaVersion);
    }

    public PressRelease withTitle(String newTitle) {
        return new PressRelease(
                id,
                companyName,
                category,
                releaseDate,
                releaseTimestamp,
                ingestedAt,
                Option.of(newTitle),
                fullText,
                source,
                sourceUrl,
                parserVersion,
                schemaVersion);
    }

    /** A record with only the required fields set; the other fields are filled with {@code with...} or {@link Builder}. */
    public static Builder builder(PressReleaseId id, Source source, LocalDate releaseDate) {
        return new Builder(id, source, releaseDate);
    }

    /**
     * The order deduplication uses to pick a winner: newer {@code ingested_at} first (a missing one is older than
     * any); at the same {@code ingested_at} the higher {@code parser_version} (a missing one is older than any), so
     * a re-parse by a newer parser supersedes an older parse of the same item; then the canonical wire content, so
     * the winner never depends on file names or read order.
     */
    public static final Comparator<PressRelease> NEWEST_LAST = Comparator.comparing(
                    (PressRelease r) -> r.ingestedAt().getOrNull(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(
                    (PressRelease r) -> r.parserVersion().getOrNull(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(WireRecord::of, WireRecord.CANONICAL_ORDER);

    /** {@link #ingestedAtKey} of a record without {@code ingested_at}: older than any instant, as in {@link #NEWEST_LAST}. */
    public static final long NOT_INGESTED = Long.MIN_VALUE;

    /**
     * {@code ingested_at} as a {@code long} that never orders two records against {@link #NEWEST_LAST}, or
     * {@link #NOT_INGESTED}: nanoseconds since the epoch, exact from 1677 to 2262. Outside those years it saturates,
     * so a greater key always means a newer {@code ingested_at}, while an equal key is a tie that the caller settles
     * with {@link #NEWEST_LAST}, as it settles equal instants.
     */
    public long ingestedAtKey() {
        return ingestedAt.isEmpty() ? NOT_INGESTED : key(ingestedAt.get());
    }

    /**
     * What {@link #ingestedAtKey} would be for a record built with {@code ingested_at} = {@code instant}, checked as
     * the record checks it; for readers that want the key without building the record.
     *
     * @throws InvalidPressRelease when the instant is outside the years the record accepts
     */
    public static long ingestedAtKey(Instant instant) {
        return key(inRange("ingested_at", Option.of(instant)).get());
    }

    /**
     * The key of an {@code ingested_at} column value as UTF-8 bytes, read as the record reads it ({@link
     * WireRecord#parseInstant}); feedstore's own form is recognised on the bytes, without a string.
     *
     * @throws InvalidPressRelease when the value is not a timestamp or is outside the years the record accepts
     */
    public static long ingestedAtKey(byte[] utf8) {
        Objects.requireNonNull(utf8, "ingested_at");
        long recognised = CanonicalKeys.ingestedAtKey(utf8);
        if (recognised != CanonicalKeys.NO_KEY) {
            return recognised;
        }
        String text = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        return ingestedAtKey(WireRecord.parseInstant(WireRecord.INGESTED_AT, text));
    }

    private static long key(Instant at) {
        long nanos;
        try {
            nanos = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        } catch (ArithmeticException e) {
            return at.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        // The one instant whose nanoseconds are NOT_INGESTED joins the saturated ones rather than the missing.
        return nanos == NOT_INGESTED ? Long.MIN_VALUE + 1 : nanos;
    }

    private static void requireText(String field, Option<String> value, boolean scan) {
        Objects.requireNonNull(value, field);
        if (scan && value.isDefined()) {
            Text.requireWellFormed(field, value.get());
        }
    }

    /** What {@code build} builds, its texts taken as decoded from well-formed UTF-8 (see {@link #TEXTS_FROM_UTF8}). */
    static PressRelease ofUtf8Texts(Supplier<PressRelease> build) {
        boolean[] fromUtf8 = TEXTS_FROM_UTF8.get();
        fromUtf8[0] = true;
        try {
            return build.get();
        } finally {
            fromUtf8[0] = false;
        }
    }

    private static Option<Instant> inRange(String field, Option<Instant> value) {
        Objects.requireNonNull(value, field);
        return value.peek(instant -> {
            if (instant.isBefore(FIRST_INSTANT) || !instant.isBefore(END_INSTANT)) {
                throw new InvalidPressRelease(field, instant.toString(), "must be between years 0001 and 9999");
            }
        });
    }

    /** Fluent construction for code and tests that set a few fields. */
    public static final class Builder {
        private final PressReleaseId id;
        private final Source source;
        private final LocalDate releaseDate;
        private Option<String> companyName = Option.none();
        private Option<String> category = Option.none();
        private Option<Instant> releaseTimestamp = Option.none();
        private Option<Instant> ingestedAt = Option.none();
        private Option<String> title = Option.none();
        private Option<String> fullText = Option.none();
        private Option<String> sourceUrl = Option.none();
        private Option<Integer> parserVersion = Option.none();
        private Option<Integer> schemaVersion = Option.none();

        private Builder(PressReleaseId id, Source source, LocalDate releaseDate) {
            this.id = id;
            this.source = source;
            this.releaseDate = releaseDate;
        }

        public Builder companyName(String value) {
            companyName = Option.of(value);
            return this;
        }

        public Builder category(String value) {
            category = Option.of(value);
            return this;
        }

        public Builder releaseTimestamp(Instant value) {
            releaseTimestamp = Option.of(value);
            return this;
        }

        public Builder ingestedAt(Instant value) {
            ingestedAt = Option.of(value);
            return this;
        }

        public Builder title(String value) {
            title = Option.of(value);
            return this;
        }

        public Builder fullText(String value) {
            fullText = Option.of(value);
            return this;
        }

        public Builder sourceUrl(String value) {
            sourceUrl = Option.of(value);
            return this;
        }

        public Builder parserVersion(Integer value) {
            parserVersion = Option.of(value);
            return this;
        }

        public Builder schemaVersion(Integer value) {
            schemaVersion = Option.of(value);
            return this;
        }

        public PressRelease build() {
            return new PressRelease(
                    id,
                    companyName,
                    category,
                    releaseDate,
                    releaseTimestamp,
                    ingestedAt,
                    title,
                    fullText,
                    source,
                    sourceUrl,
                    parserVersion,
                    schemaVersion);
        }
    }
}
