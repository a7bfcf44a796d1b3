package io.feedstore.domain.partition;

import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date folder of the older pipeline's flat layout, {@code release_date=D/} directly below the table with no
 * {@code source=} level. Its Parquet files ({@code part-*.parquet} with many rows, {@code msgId=*.parquet} with
 * one) hold rows of whatever sources their {@code source} column names; each row belongs to its own partition,
 * and a row without a {@code release_date} takes the folder's date.
 */
public record FlatFolder(LocalDate date) implements Comparable<FlatFolder> {

    private static final Pattern PATH =
            Pattern.compile(Pattern.quote(StoreLayout.TABLE.value()) + "release_date=([^/]+)/[^/]+");

    public FlatFolder {
        Objects.requireNonNull(date, "date");
    }

    public KeyPrefix prefix() {
        return StoreLayout.TABLE.child("release_date=" + WireRecord.formatDate(date));
    }

    /** The flat folder a key lies directly in, if it is a file of one (not in a deeper folder). */
    public static Option<FlatFolder> containing(ObjectKey key) {
        Matcher m = PATH.matcher(key.value());
        if (!m.matches()) {
            return Option.none();
        }
        return Try.of(() -> new FlatFolder(WireRecord.parseDate(WireRecord.RELEASE_DATE, m.group(1))))
                .toOption();
    }

    /**
     * The press release a row of this folder's files holds, which belongs to its own partition: a row without a
     * {@code release_date} takes the folder's date; a row that still breaks a rule (no valid {@code source}, most
     * often) cannot be placed, and the rule it breaks is the answer.
     */
    public Either<InvalidPressRelease, PressRelease> place(WireRecord row) {
        Objects.requireNonNull(row, "row");
        WireRecord dated = row.releaseDate() != null
                ? row
                : new WireRecord(
                        row.pressReleaseId(),
                        row.companyName(),
                        row.category(),
                        WireRecord.formatDate(date),
                        row.releaseTsUtc(),
                        row.ingestedAt(),
                        row.title(),
                        row.fullText(),
                        row.source(),
                        row.sourceUrl(),
                        row.parserVersion(),
                        row.schemaVersion());
        return dated.toPressRelease();
    }

    /** Whether a key is a Parquet file directly inside a flat folder: the files a backfill retires. */
    public static boolean isFlatDataFile(ObjectKey key) {
        return key.name().endsWith(".parquet") && containing(key).isDefined();
    }

    @Override
    public int compareTo(FlatFolder other) {
        return date.compareTo(other.date);
    }

    @Override
    public String toString() {
        return "release_date=" + WireRecord.formatDate(date);
    }
}
