package io.feedstore.bootstrap.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link OutputFormat}'s Jackson code, in a class of its own: every command line loads {@link OutputFormat}
 * (picocli reads the option types) and {@code consolidate} builds a {@link ConsolidationSummary} in every run:
 * Jackson referenced from either would be loaded, verified and its mappers built in every start. Here it is
 * loaded only by a command that writes rows or a JSON summary.
 */
final class JacksonWriters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    // Quote only values that need it, rather than every value with a character below ','.
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private JacksonWriters() {}

    static void jsonLines(Iterable<PressRelease> releases, Writer out) throws IOException {
        ObjectWriter writer = JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        for (PressRelease release : releases) {
            out.write(writer.writeValueAsString(OutputFormat.columns(release)));
            out.write('\n');
        }
        out.flush();
    }

    static void csv(Iterable<PressRelease> releases, Writer out) throws IOException {
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
                rows.write(OutputFormat.columns(release));
            }
        }
        out.flush();
    }

    /** A JSON document over several lines: {@code consolidate --json}'s summary. */
    static String indentedJson(Object document) throws IOException {
        return INDENTED.writeValueAsString(document);
    }

    static String jsonLine(Map<String, Object> columns) throws IOException {
        return JSON.writeValueAsString(columns);
    }
}
