package io.feedstore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.feedstore.adapters.jsonlines.JacksonPressReleaseLines;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    private static final Instant NOW = Instant.parse("2025-01-16T08:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    private final JacksonPressReleaseLines lines = new JacksonPressReleaseLines();

    @Test
    void everyJsonLineHoldsExactlyTheWireValuesOfItsPressRelease() {
        qt().withExamples(200)
                .forAll(lists().of(SamplePressReleases.any()).ofSizeBetween(0, 5))
                .checkAssert(releases -> {
                    List<String> lines =
                            write(OutputFormat.JSONL, releases).lines().toList();
                    assertThat(lines).hasSameSizeAs(releases);
                    for (int i = 0; i < lines.size(); i++) {
                        Map<String, Object> expected = OutputFormat.columns(releases.get(i));
                        Map<String, Object> actual = readJson(lines.get(i));
                        assertThat(List.copyOf(actual.keySet())).isEqualTo(WireRecord.COLUMNS);
                        for (String column : WireRecord.COLUMNS) {
                            assertThat(String.valueOf(actual.get(column)))
                                    .isEqualTo(String.valueOf(expected.get(column)));
                        }
                    }
                });
    }

    @Test
    void everyCsvRowHoldsTheWireValuesOfItsPressReleaseWithAbsentValuesEmpty() {
        qt().withExamples(200)
                .forAll(lists().of(SamplePressReleases.any()).ofSizeBetween(0, 5))
                .checkAssert(releases -> {
                    List<List<String>> rows = readCsv(write(OutputFormat.CSV, releases));
                    assertThat(rows).hasSize(releases.size() + 1);
                    assertThat(rows.get(0)).isEqualTo(WireRecord.COLUMNS);
                    for (int i = 0; i < releases.size(); i++) {
                        Map<String, Object> expected = OutputFormat.columns(releases.get(i));
                        List<String> expectedRow = WireRecord.COLUMNS.stream()
                                .map(c -> expected.get(c) == null ? "" : String.valueOf(expected.get(c)))
                                .toList();
                        assertThat(rows.get(i + 1)).isEqualTo(expectedRow);
                    }
                });
    }

    @Test
    void everyPressReleaseWrittenAsAJsonLineParsesBackToItself() {
        qt().withExamples(300)
                .forAll(SamplePressReleases.any())
                .checkAssert(release -> assertThat(
                                lines.parse(OutputFormat.jsonLine(release), NOW).get())
                        .isEqualTo(release.ingestedAt().isDefined() ? release : release.withIngestedAt(NOW)));
    }

    private static String write(OutputFormat format, List<PressRelease> releases) {
        StringWriter out = new StringWriter();
        try {
            format.write(releases, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private Map<String, Object> readJson(String line) {
        try {
            JsonNode node = json.readTree(line);
            return json.convertValue(
                    node,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> readCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                csv.readerForListOf(String.class).readValues(text)) {
            it.forEachRemaining(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
