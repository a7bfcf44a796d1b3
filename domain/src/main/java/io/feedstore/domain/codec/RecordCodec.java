package io.feedstore.domain.codec;

import io.feedstore.domain.release.CheckedRow;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.StoredRow;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.ObjectContent;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Outgoing port: press releases to and from Parquet bytes in the production schema (twelve nullable columns,
 * see {@link io.feedstore.domain.release.WireRecord#COLUMNS}).
 *
 * <p>The decoder accepts files from other writers with the same column names: int32 or int64 version columns,
 * a missing {@code release_ts_utc}, extra columns (ignored). Rows come back in file order.
 */
public interface RecordCodec {

    /** The records as one file encoded as the wiring encodes files of {@code role}. */
    byte[] encode(List<PressRelease> records, FileRole role);

    Either<DecodeFailure, List<PressRelease>> decode(byte[] file);

    /**
     * Encodes the records written to the returned sink into {@code out}, as {@link #encode} would; the file is
     * complete when the sink is closed. The default collects the records and encodes them on close: a codec for
     * large files overrides this to write one row group at a time.
     */
    default RecordSink encoder(FileRole role, OutputStream out) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(out, "out");
        List<PressRelease> records = new ArrayList<>();
        return new RecordSink() {
            @Override
            public void write(PressRelease record) {
                records.add(Objects.requireNonNull(record, "record"));
            }

            @Override
            public long written() {
                return records.size();
            }

            @Override
            public void close() throws IOException {
                out.write(encode(records, role));
            }
        };
    }

    /**
     * Hands every row of {@code file} to {@code rows} in file order, as {@link #decode(byte[])} would return them,
     * and answers how many there were; stops at the first row that cannot be decoded (rows before it have been
     * handed over). A failure to read the content is a {@link DecodeFailure} too. The default reads the file whole:
     * a codec for large files overrides this to hold one row group at a time.
     */
    default Either<DecodeFailure, Long> decode(ObjectContent file, Consumer<PressRelease> rows) {
        byte[] bytes;
        try {
            bytes = file.readAll();
        } catch (IOException e) {
            return Either.left(new DecodeFailure("could not read " + file.key() + ": " + e.getMessage()));
        }
        return decode(bytes).map(all -> {
            all.forEach(rows);
            return (long) all.size();
        });
    }

    /**
     * Hands every row of {@code file} to {@code rows} as its wire columns, in file order, without the rules of a
     * press release: a row without a {@code release_date}, or with a missing or invalid {@code source}, is handed
     * over as it is, for the caller to place or refuse row by row (the older pipeline's flat folders hold such
     * rows). Fails only when the file itself cannot be read. The default decodes whole rows, so a codec that does
     * not override it refuses a file holding such a row.
     */
    default Either<DecodeFailure, Long> decodeWire(ObjectContent file, Consumer<WireRecord> rows) {
        Objects.requireNonNull(rows, "rows");
        return decode(file, r -> rows.accept(WireRecord.of(r)));
    }

    /**
     * Hands each row's id and {@code ingested_at} to {@code keys}, in file order, exactly as {@link #decode} would
     * give them for a file it accepts, and answers how many rows there were. It reads only those two columns, so a
     * row that breaks a rule in another column may pass here: {@link #decode} is the check of the whole row. The
     * default decodes whole rows; a columnar codec overrides it to read only the two columns.
     */
    default Either<DecodeFailure, Long> decodeKeys(ObjectContent file, RowKeys keys) {
        Objects.requireNonNull(keys, "keys");
        return decode(file, r -> keys.accept(r.id().value().getBytes(StandardCharsets.UTF_8), r.ingestedAtKey()));
    }

    /**
     * As {@link #decode(ObjectContent, Consumer)}, with each row put through {@code map} on whichever of the codec's
     * threads decoded it ({@code map} must be safe to call from several threads); the mapped rows
     * reach {@code results} on the calling thread, in file order. For reading a large file back when only
     * something small per row (a key, a digest) is kept. The default decodes on the calling thread.
     */
    default <T> Either<DecodeFailure, Long> decodeMapped(
            ObjectContent file, Function<PressRelease, ? extends T> map, Consumer<? super T> results) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(results, "results");
        return decode(file, r -> results.accept(map.apply(r)));
    }

    /**
     * As {@link #decode(ObjectContent, Consumer)}, each row as the file holds it, checked by
     * {@link StoredRow#check()} and refused (with the rows before it handed over) exactly where {@code decode}
     * refuses; for copying rows into another file without decoding their texts. The default decodes records.
     */
    default Either<DecodeFailure, Long> decodeChecked(ObjectContent file, Consumer<CheckedRow> rows) {
        Objects.requireNonNull(rows, "rows");
        return decode(file, r -> rows.accept(CheckedRow.of(r)));
    }

    /**
     * As {@link #decodeMapped}, each row as the file holds it, not checked against the record's rules: for reading
     * back a file to compare its rows, byte for byte, with what was written. The default decodes records.
     */
    default <T> Either<DecodeFailure, Long> decodeStoredMapped(
            ObjectContent file, Function<StoredRow, ? extends T> map, Consumer<? super T> results) {
        Objects.requireNonNull(map, "map");
        return decodeMapped(file, r -> map.apply(StoredRow.of(r)), results);
    }
}
