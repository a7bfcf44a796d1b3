package io.feedstore.domain.release;

import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A row as a file holds it: the ten string columns of {@link WireRecord#COLUMNS} as their UTF-8 bytes (null for a
 * null), the two version columns as numbers. Consolidation passes the winning rows from input to output in this
 * form: the long texts are checked on their bytes and copied, never turned into Java strings and back.
 */
public final class StoredRow {

    /** The string columns come first in {@link WireRecord#COLUMNS}. */
    public static final int STRING_COLUMNS = 10;

    private static final int[] KEY_COLUMNS = {0, 3, 4, 5, 8};

    private final byte[][] strings;
    private final Long parserVersion;
    private final Long schemaVersion;

    /** Takes {@code strings} as it is (no copy): the caller hands it over. */
    public StoredRow(byte[][] strings, Long parserVersion, Long schemaVersion) {
        Objects.requireNonNull(strings, "strings");
        if (strings.length != STRING_COLUMNS) {
            throw new IllegalArgumentException(
                    "a stored row has " + STRING_COLUMNS + " string columns, not " + strings.length);
        }
        this.strings = strings;
        this.parserVersion = parserVersion;
        this.schemaVersion = schemaVersion;
    }

    /** The row the record path writes for {@code wire}: each string encoded as UTF-8. */
    public static StoredRow of(WireRecord wire) {
        Objects.requireNonNull(wire, "wire");
        byte[][] strings = new byte[STRING_COLUMNS][];
        strings[0] = utf8(wire.pressReleaseId());
        strings[1] = utf8(wire.companyName());
        strings[2] = utf8(wire.category());
        strings[3] = utf8(wire.releaseDate());
        strings[4] = utf8(wire.releaseTsUtc());
        strings[5] = utf8(wire.ingestedAt());
        strings[6] = utf8(wire.title());
        strings[7] = utf8(wire.fullText());
        strings[8] = utf8(wire.source());
        strings[9] = utf8(wire.sourceUrl());
        return new StoredRow(strings, wire.parserVersion(), wire.schemaVersion());
    }

    /** The row of a record, as every file feedstore writes holds it. */
    public static StoredRow of(PressRelease record) {
        return of(WireRecord.of(record));
    }

    /** The bytes of string column {@code column} (an index in {@link WireRecord#COLUMNS}), or null; not a copy. */
    public byte[] value(int column) {
        return strings[Objects.checkIndex(column, STRING_COLUMNS)];
    }

    public Long parserVersion() {
        return parserVersion;
    }

    public Long schemaVersion() {
        return schemaVersion;
    }

    /** Roughly the bytes this row holds, for bounding what is kept in memory. */
    public long size() {
        long size = 256;
        for (byte[] value : strings) {
            size += value == null ? 0 : value.length;
        }
        return size;
    }

    /**
     * The row as strings, decoded strictly; refuses a column that is not UTF-8 as the record path does, naming it.
     */
    public WireRecord toWire() {
        String[] text = new String[STRING_COLUMNS];
        for (int column = 0; column < STRING_COLUMNS; column++) {
            text[column] = decode(column);
        }
        return new WireRecord(
                text[0],
                text[1],
                text[2],
                text[3],
                text[4],
                text[5],
                text[6],
                text[7],
                text[8],
                text[9],
                parserVersion,
                schemaVersion);
    }

    /**
     * Checks the row against every rule of {@link PressRelease} without decoding its texts, and gives the row the
     * record path would write for it. Texts must be UTF-8 (which also rules out unpaired surrogates); the key
     * columns (id, dates, source, versions) are decoded, small as they are, and checked by {@link WireRecord}'s own
     * rules; a key column written in another form than feedstore's (a {@code Z} instead of {@code +00:00}, say) is
     * replaced by feedstore's form, as the record path would write it. Refuses exactly the rows
     * {@code toWire().toPressRelease()} refuses, with the same reason. Keys already in feedstore's form, as nearly
     * every row has them, are recognised on their bytes ({@link CanonicalKeys}) without building the record.
     */
    public Either<InvalidPressRelease, CheckedRow> check() {
        for (int column = 0; column < STRING_COLUMNS; column++) {
            if (strings[column] != null && !Utf8.isWellFormed(strings[column])) {
                return Either.left(InvalidPressRelease.notUtf8(WireRecord.COLUMNS.get(column)));
            }
        }
        CheckedRow canonical = CanonicalKeys.check(this);
        return canonical != null ? Either.right(canonical) : checkKeysByTheRecordsRules();
    }

    /** {@link #check}'s full check of the key columns, for rows whose keys are not plainly in feedstore's form. */
    private Either<InvalidPressRelease, CheckedRow> checkKeysByTheRecordsRules() {
        WireRecord keys = new WireRecord(
                text(0),
                null,
                null,
                text(3),
                text(4),
                text(5),
                null,
                null,
                text(8),
                null,
                parserVersion,
                schemaVersion);
        Either<InvalidPressRelease, PressRelease> record = keys.toPressRelease();
        if (record.isLeft()) {
            return Either.left(record.getLeft());
        }
        PressRelease parsed = record.get();
        StoredRow canonical = this;
        StoredRow written = of(WireRecord.of(parsed));
        for (int column : KEY_COLUMNS) {
            if (!Arrays.equals(strings[column], written.strings[column])) {
                canonical = withKeysOf(written);
                break;
            }
        }
        if (!Objects.equals(parserVersion, written.parserVersion)
                || !Objects.equals(schemaVersion, written.schemaVersion)) {
            canonical = withKeysOf(written);
        }
        return Either.right(
                new CheckedRow(canonical, parsed.id(), parsed.source(), parsed.releaseDate(), parsed.ingestedAtKey()));
    }

    /** The full record; for the few rows that are compared with others, not merely copied. */
    public PressRelease toPressRelease() {
        return toWire().toPressRelease().getOrElseThrow(e -> e);
    }

    private StoredRow withKeysOf(StoredRow written) {
        byte[][] merged = strings.clone();
        for (int column : KEY_COLUMNS) {
            merged[column] = written.strings[column];
        }
        return new StoredRow(merged, written.parserVersion, written.schemaVersion);
    }

    private String text(int column) {
        return strings[column] == null ? null : new String(strings[column], StandardCharsets.UTF_8);
    }

    private String decode(int column) {
        byte[] bytes = strings[column];
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw InvalidPressRelease.notUtf8(WireRecord.COLUMNS.get(column));
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRow that
                && Arrays.deepEquals(strings, that.strings)
                && Objects.equals(parserVersion, that.parserVersion)
                && Objects.equals(schemaVersion, that.schemaVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.deepHashCode(strings), parserVersion, schemaVersion);
    }

    /** Every column, bytes that are not UTF-8 shown as U+FFFD: a row that breaks a rule can still be shown. */
    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder("StoredRow[");
        for (int column = 0; column < STRING_COLUMNS; column++) {
            shown.append(WireRecord.COLUMNS.get(column))
                    .append('=')
                    .append(text(column))
                    .append(", ");
        }
        return shown.append("parser_version=")
                .append(parserVersion)
                .append(", schema_version=")
                .append(schemaVersion)
                .append(']')
                .toString();
    }
}
