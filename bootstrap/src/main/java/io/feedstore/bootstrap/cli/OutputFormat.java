package io.feedstore.bootstrap.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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
            ObjectWriter writer = JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            for (PressRelease release : releases) {
                out.write(writer.writeValueAsString(columns(release)));
                out.write('\n');
            }
            out.flush();
        }
    },
    CSV {
        @Override
        void write(Iterable<PressRelease> releases, Writer out) throws IOException {
            CsvSchema.Builder schema = CsvSchema.builder();
            WireRecord.COLUMNS.forEach(schema::addColumn);
            // The header is written as a row of its own, so that even an empty result has one.
            Map<String, Object> header = new LinkedHashMap<>();
            WireRecord.COLUMNS.forEach(column -> header.put(column, column));
            // Jackson quotes every value that needs it (separator, quote, line break), so multi-line texts survive.
            try (SequenceWriter rows = CSV_MAPPER
                    .writer(schema.build().withoutHeader())
                    .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValues(out)) {
                rows.write(header);
                for (PressRelease release : releases) {
                    rows.write(columns(release));
                }
            }
            out.flush();
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();
    // Quote only values that need it, rather than every value with a character below ','.
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    abstract void write(Iterable<PressRelease> releases, Writer out) throws IOException;

    /** One JSON line with the twelve columns; the format {@code ingest} reads and {@code load --format jsonl} writes. */
    static String jsonLine(PressRelease release) {
        try {
            return JSON.writeValueAsString(columns(release));
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
