package io.feedstore.domain.release;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A stored row that keeps every rule of {@link PressRelease}, in the form feedstore writes it, with the key
 * values consolidation works on (which partition it belongs to, which version of which id it is).
 */
public record CheckedRow(StoredRow row, PressReleaseId id, Source source, LocalDate releaseDate, long ingestedAtKey) {

    public CheckedRow {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(releaseDate, "releaseDate");
    }

    /** The checked row of a record (which keeps the rules by construction). */
    public static CheckedRow of(PressRelease record) {
        return new CheckedRow(
                StoredRow.of(record), record.id(), record.source(), record.releaseDate(), record.ingestedAtKey());
    }
}
