package io.feedstore.adapters.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JacksonPressReleaseLinesTest {

    private static final Instant NOW = Instant.parse("2025-01-16T08:00:00Z");
    private final JacksonPressReleaseLines lines = new JacksonPressReleaseLines();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aLineWithEveryColumnBecomesThePressReleaseItDescribes() {
        String line = """
                {"press_release_id":"pr-1","company_name":"Contoso Ltd","category":"Earnings",\
                "release_date":"2025-01-15","release_ts_utc":"2025-01-15T09:30:00Z",\
                "ingested_at":"2025-01-15T12:00:00+02:00","title":"Contoso reports","full_text":"Line 1\\nLine 2 — ünïcödé",\
                "source":"gmail","source_url":"https://example.com/pr-1","parser_version":3,"schema_version":2}""";

        PressRelease release = lines.parse(line, NOW).get();

        assertThat(release)
                .isEqualTo(
                        PressRelease.builder(PressReleaseId.of("pr-1"), Source.of("gmail"), LocalDate.of(2025, 1, 15))
                                .companyName("Contoso Ltd")
                                .category("Earnings")
                                .releaseTimestamp(Instant.parse("2025-01-15T09:30:00Z"))
                                .ingestedAt(Instant.parse("2025-01-15T10:00:00Z"))
                                .title("Contoso reports")
                                .fullText("Line 1\nLine 2 — ünïcödé")
                                .sourceUrl("https://example.com/pr-1")
                                .parserVersion(3)
                                .schemaVersion(2)
                                .build());
    }

    @Test
    void aLineWithOnlyTheRequiredColumnsIsAcceptedAndStampedWithTheIngestionTime() {
        PressRelease release = lines.parse(
                        "{\"press_release_id\":\"pr-2\",\"release_date\":\"2025-01-15\",\"source\":\"rss\"}", NOW)
                .get();

        assertThat(release.ingestedAt()).isEqualTo(Option.some(NOW));
        assertThat(release.title()).isEqualTo(Option.none());
        assertThat(release.parserVersion()).isEqualTo(Option.none());
    }

    @Test
    void anExplicitIngestedAtIsKeptRatherThanTheIngestionTime() {
        PressRelease release = lines.parse(
                        "{\"press_release_id\":\"pr-3\",\"release_date\":\"2025-01-15\","
                                + "\"source\":\"rss\",\"ingested_at\":\"2024-12-31T23:59:59.123456Z\"}",
                        NOW)
                .get();

        assertThat(release.ingestedAt()).isEqualTo(Option.some(Instant.parse("2024-12-31T23:59:59.123456Z")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-01-15T11:00:00        | 2025-01-15T11:00:00Z
            2025-01-15 11:00:00        | 2025-01-15T11:00:00Z
            2025-01-15T11:00           | 2025-01-15T11:00:00Z
            2025-01-15 11:00:00.123456 | 2025-01-15T11:00:00.123456Z
            2025-01-15T11:00:00+02:00  | 2025-01-15T09:00:00Z
            """)
    void aTimestampWithoutAnOffsetIsReadAsUtcInBothTimestampColumns(String written, String instant) {
        // In a zone away from UTC, so that reading a naive time in the machine's zone would show.
        TimeZone machine = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Helsinki"));
        PressRelease release;
        try {
            release = lines.parse(
                            "{\"press_release_id\":\"jyväskylä–7\",\"release_date\":\"2025-01-15\","
                                    + "\"source\":\"rss\",\"title\":\"Åsa Lindqvist: “Ærø” 🐟 — 発表\","
                                    + "\"release_ts_utc\":\"" + written + "\",\"ingested_at\":\"" + written + "\"}",
                            NOW)
                    .get();
        } finally {
            TimeZone.setDefault(machine);
        }

        // release_ts_utc keeps whole seconds, as the production schema stores it.
        assertThat(release.releaseTimestamp())
                .isEqualTo(Option.some(Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS)));
        assertThat(release.ingestedAt()).isEqualTo(Option.some(Instant.parse(instant)));
    }

    @Test
    void nullMeansTheSameAsAnAbsentKey() {
        PressRelease withNulls = lines.parse(
                        "{\"press_release_id\":\"pr-4\",\"release_date\":\"2025-01-15\","
                                + "\"source\":\"rss\",\"title\":null,\"parser_version\":null,\"ingested_at\":null}",
                        NOW)
                .get();
        PressRelease without = lines.parse(
                        "{\"press_release_id\":\"pr-4\",\"release_date\":\"2025-01-15\",\"source\":\"rss\"}", NOW)
                .get();

        assertThat(withNulls).isEqualTo(without);
    }

    @Test
    void keysThatAreNotColumnsAreIgnored() {
        Either<String, PressRelease> parsed = lines.parse(
                "{\"press_release_id\":\"pr-5\",\"release_date\":\"2025-01-15\","
                        + "\"source\":\"rss\",\"sentiment\":0.7,\"tags\":[\"a\"],\"meta\":{\"x\":1}}",
                NOW);

        assertThat(parsed.isRight()).as(parsed.toString()).isTrue();
    }

    @Test
    void emptyStringsInOptionalColumnsAreKeptAsEmptyStringsNotDropped() {
        PressRelease release = lines.parse(
                        "{\"press_release_id\":\"pr-6\",\"release_date\":\"2025-01-15\","
                                + "\"source\":\"rss\",\"title\":\"\",\"full_text\":\"\"}",
                        NOW)
                .get();

        assertThat(release.title()).isEqualTo(Option.some(""));
        assertThat(release.fullText()).isEqualTo(Option.some(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing id          | {"release_date":"2025-01-15","source":"rss"}                                              | press_release_id,is required
            blank id            | {"press_release_id":"  ","release_date":"2025-01-15","source":"rss"}                      | press_release_id,must not be blank
            missing date        | {"press_release_id":"a","source":"rss"}                                                   | release_date,is required
            impossible date     | {"press_release_id":"a","release_date":"2025-02-30","source":"rss"}                       | release_date,'2025-02-30',YYYY-MM-DD
            date with time      | {"press_release_id":"a","release_date":"2025-01-15T10:00:00Z","source":"rss"}             | release_date,YYYY-MM-DD
            missing source      | {"press_release_id":"a","release_date":"2025-01-15"}                                      | source,is required
            source climbs out   | {"press_release_id":"a","release_date":"2025-01-15","source":"../x"}                      | source,'../x',must match
            source with slash   | {"press_release_id":"a","release_date":"2025-01-15","source":"a/b"}                       | source,'a/b',must match
            upper-case source   | {"press_release_id":"a","release_date":"2025-01-15","source":"Gmail"}                     | source,'Gmail'
            empty source        | {"press_release_id":"a","release_date":"2025-01-15","source":""}                          | source,must match
            bad timestamp       | {"press_release_id":"a","release_date":"2025-01-15","source":"rss","release_ts_utc":"yesterday"} | release_ts_utc,'yesterday',ISO-8601
            bad ingested_at     | {"press_release_id":"a","release_date":"2025-01-15","source":"rss","ingested_at":"2025-01-15 25:00"} | ingested_at,ISO-8601
            id is a number      | {"press_release_id":17,"release_date":"2025-01-15","source":"rss"}                        | press_release_id,'17',must be a JSON string,an integer
            title is an object  | {"press_release_id":"a","release_date":"2025-01-15","source":"rss","title":{"x":1}}      | title,must be a JSON string,an object
            version as string   | {"press_release_id":"a","release_date":"2025-01-15","source":"rss","parser_version":"3"} | parser_version,'"3"',must be a JSON integer,a string
            version as decimal  | {"press_release_id":"a","release_date":"2025-01-15","source":"rss","schema_version":2.5} | schema_version,'2.5',must be a JSON integer,a decimal number
            version too large   | {"press_release_id":"a","release_date":"2025-01-15","source":"rss","parser_version":4294967296} | parser_version,'4294967296',32-bit
            version way too big | {"press_release_id":"a","release_date":"2025-01-15","source":"rss","parser_version":99999999999999999999999} | parser_version,32-bit
            """)
    void aLineBreakingARuleIsRejectedWithAReasonNamingTheFieldAndTheRule(String what, String line, String expected) {
        Either<String, PressRelease> parsed = lines.parse(line, NOW);

        assertThat(parsed.isLeft())
                .as("%s must be rejected, got %s", what, parsed)
                .isTrue();
        assertThat(parsed.getLeft()).contains(expected.split(","));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            truncated object   | {"press_release_id":"a"                                      | invalid JSON
            not json at all    | press_release_id=a                                           | invalid JSON
            trailing garbage   | {"press_release_id":"a","release_date":"2025-01-15","source":"rss"} x | invalid JSON
            two objects        | {"press_release_id":"a"} {"press_release_id":"b"}            | invalid JSON
            duplicate key      | {"press_release_id":"a","press_release_id":"b","release_date":"2025-01-15","source":"rss"} | invalid JSON,Duplicate field 'press_release_id'
            array              | [1,2,3]                                                      | expected a JSON object,an array
            bare string        | "hello"                                                      | expected a JSON object,a string
            """)
    void aLineThatIsNotOneJsonObjectIsRejectedWithJacksonsShortMessage(String what, String line, String expected) {
        Either<String, PressRelease> parsed = lines.parse(line, NOW);

        assertThat(parsed.isLeft())
                .as("%s must be rejected, got %s", what, parsed)
                .isTrue();
        assertThat(parsed.getLeft())
                .contains(expected.split(","))
                .doesNotContain("\n")
                .doesNotContain("at [Source");
    }

    @Test
    void aBlankLineIsRejectedRatherThanSilentlySkipped() {
        assertThat(lines.parse("   ", NOW).getLeft()).contains("empty line");
        assertThat(lines.parse("", NOW).getLeft()).contains("empty line");
    }

    @Test
    void aByteOrderMarkBeforeTheObjectIsNotPartOfTheJson() {
        assertThat(lines.parse(
                                "\uFEFF{\"press_release_id\":\"a\",\"release_date\":\"2025-01-15\",\"source\":\"rss\"}",
                                NOW)
                        .isRight())
                .isTrue();
    }

    @Test
    void aDeadLetterKeepsTheLineVerbatimWithItsNumberAndReason() throws Exception {
        String line = "{\"press_release_id\": \"a\", \"title\": \"Ünïcode — \\\"quoted\\\"\"\t}  ";

        JsonNode letter = json.readTree(lines.deadLetter(42, line, "release_date (missing) is required"));

        assertThat(letter.get("line_number").asLong()).isEqualTo(42);
        assertThat(letter.get("reason").asText()).isEqualTo("release_date (missing) is required");
        assertThat(letter.get("line").asText()).isEqualTo(line);
        assertThat(lines.deadLetter(42, line, "r")).doesNotContain("\n");
    }

    @Test
    void aDeadLetterKeepsEvenALoneSurrogateExactly() throws Exception {
        String line = "{\"title\":\"broken \uD800 text\"}";

        String letter = lines.deadLetter(1, line, "r");

        assertThat(letter)
                .isEqualTo(new String(
                        letter.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(json.readTree(letter).get("line").asText()).isEqualTo(line);
    }

    @Test
    void aStringOfTwentyMillionCharactersIsAcceptedAndALongerOneRejectsItsLineNamingTheLimit() {
        String head = "{\"press_release_id\":\"å\",\"source\":\"rss\",\"release_date\":\"2025-01-14\",\"full_text\":\"";
        String atLimit = "Ærø – “" + "x".repeat(20_000_000 - 8) + "”";

        assertThat(atLimit).hasSize(20_000_000);
        assertThat(lines.parse(head + atLimit + "\"}", NOW).get().fullText().get())
                .hasSize(20_000_000);
        assertThat(lines.parse(head + atLimit + "y\"}", NOW).getLeft()).contains("20000000");
    }
}
