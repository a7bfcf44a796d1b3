package io.feedstore.bootstrap.cli;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@code feedstore load} writes press releases: JSON Lines or CSV, each row holding the twelve columns in
 * schema order with their wire values (the strings the Parquet files hold). JSON Lines output is valid
 * {@code feedstore ingest} input.
 */
public enum OutputFormat {
    JSONL {
        @Override
        void write(Iterable<PressRelease> releases, Writer out) throws IOException {
            JacksonWriters.jsonLines(releases, out);
        }
    },
    CSV {
        @Override
        void write(Iterable<PressRelease> releases, Writer out) throws IOException {
            JacksonWriters.csv(releases, out);
        }
    };

    abstract void write(Iterable<PressRelease> releases, Writer out) throws IOException;

    /** One JSON line with the twelve columns; the format {@code ingest} reads and {@code load --format jsonl} writes. */
    static String jsonLine(PressRelease release) {
        try {
            return JacksonWriters.jsonLine(columns(release));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The twelve columns by name, in schema order; absent values are null so every row has every key. */
    static Map<String, Object> columns(PressRelease release) {
        WireRecord wire = WireRecord.of(release);
        List<Function<WireRecord, Object>> getters = WireRecord.columnGetters();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < WireRecord.COLUMNS.size(); i++) {
            row.put(WireRecord.COLUMNS.get(i), getters.get(i).apply(wire));
        }
        return row;
    }
}
