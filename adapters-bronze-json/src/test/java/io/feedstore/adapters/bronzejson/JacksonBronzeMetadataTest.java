package io.feedstore.adapters.bronzejson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.RawItemId;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class JacksonBronzeMetadataTest {

    private final JacksonBronzeMetadata metadata = new JacksonBronzeMetadata();

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = JacksonBronzeMetadataTest.class.getResourceAsStream("/bronze/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private EmailMeta meta(String name) throws IOException {
        return metadata.readEmailMeta(fixture(name)).getOrElseThrow(reason -> new AssertionError(reason));
    }

    @Test
    void theOldestMetaHasTheInternalTimeInSecondsAndNoDeclaredTime() throws IOException {
        EmailMeta m = meta("meta-oldest-seconds.json");

        assertThat(m.id()).isEqualTo(RawItemId.of("18c3f0a2b4d5e6f7"));
        assertThat(m.from()).contains("\"Ærø Energi A/S\" <news@aeroe.dk>");
        assertThat(m.subject()).contains("Ærø Energi – \u201crekordår\u201d");
        assertThat(m.internalTime()).isEqualTo(Instant.ofEpochSecond(1710408600));
        assertThat(m.declaredTimeUtc()).isEmpty();
        assertThat(m.declaredTimeRaw()).isEmpty();
        assertThat(m.ingestedAt()).isEmpty();
        assertThat(m.parser()).isEmpty();
        assertThat(meta("meta-oldest-fractional-seconds.json").internalTime())
                .isEqualTo(Instant.ofEpochMilli(1710408600250L));
    }

    @Test
    void laterMetasHaveMillisecondsAndThenTheDeclaredTimeFieldsPossiblyNull() throws IOException {
        assertThat(meta("meta-before-declared-time.json").internalTime())
                .isEqualTo(Instant.ofEpochMilli(1710408600123L));
        assertThat(meta("meta-before-declared-time.json").subject()).contains("Jyväskylä – \u201cmöte\u201d 🎉");

        EmailMeta declared = meta("meta-with-declared-time.json");
        assertThat(declared.declaredTimeUtc()).contains(Instant.parse("2024-03-14T08:30:00Z"));
        assertThat(declared.declaredTimeRaw()).contains("2024-03-14 09:30 CET");

        EmailMeta none = meta("meta-declared-time-null.json");
        assertThat(none.id()).isEqualTo(RawItemId.of("email__39674985912ef849"));
        assertThat(none.from()).isEmpty();
        assertThat(none.declaredTimeUtc()).isEmpty();
    }

    @Test
    void feedstoreMetasAddIngestedAtAndTheParserAndWriteBackByteForByte() throws IOException {
        EmailMeta m = meta("meta-feedstore.json");

        assertThat(m.ingestedAt()).contains(Instant.parse("2025-03-14T10:00:00.123456Z"));
        assertThat(m.parser()).contains("feedstore-email/2");
        assertThat(new String(metadata.writeEmailMeta(m), StandardCharsets.UTF_8))
                .isEqualTo(new String(fixture("meta-feedstore.json"), StandardCharsets.UTF_8).strip());
    }

    @Test
    void aBrokenMetaIsRejectedWithOneLineNamingTheFieldAndTheRule() {
        assertThat(metadata.readEmailMeta("{\"id\":\"18c3f0a2b4d5e6f7\"}".getBytes())
                        .getLeft())
                .isEqualTo("meta.json: has neither internal_epoch_ms nor internal_epoch");
        assertThat(metadata.readEmailMeta("{\"id\":\"../x\",\"internal_epoch_ms\":1}".getBytes())
                        .getLeft())
                .startsWith("meta.json: msgId '../x' must not contain '..' or '/'");
        assertThat(metadata.readEmailMeta("{\"internal_epoch_ms\":1}".getBytes())
                        .getLeft())
                .isEqualTo("meta.json: id is required");
        assertThat(metadata.readEmailMeta("{\"id\":\"18c3f0a2b4d5e6f7\",\"internal_epoch_ms\":\"soon\"}".getBytes())
                        .getLeft())
                .isEqualTo("meta.json: internal_epoch_ms must be a number, not 'soon'");
        assertThat(metadata.readEmailMeta("[1]".getBytes()).getLeft()).isEqualTo("meta.json is not a JSON object");
        assertThat(metadata.readEmailMeta("{".getBytes()).getLeft())
                .startsWith("meta.json is not JSON")
                .doesNotContain("\n");
    }

    @Test
    void theOldestEntriesLackThePageFieldsAndAreReadFromGzip() throws IOException {
        PageEntry e = metadata.readPageEntry(gzip(fixture("entry-oldest.json"))).get();

        assertThat(e.msgId()).isEqualTo(RawItemId.of("rss__39674985912ef849"));
        assertThat(e.pageCompany()).isEmpty();
        assertThat(e.pageReleaseTimeUtc()).isEmpty();
        assertThat(e.pageReleaseTimeText()).isEmpty();
        assertThat(e.title()).contains("Ærø Energi – \u201crekordår\u201d");
        assertThat(e.published()).contains("Fri, 14 Mar 2025 08:30:00 +0100");
        assertThat(e.finalUrl()).contains("https://news.example/a?utm=x");
        assertThat(e.headers()).containsEntry("etag", "\"abc\"").hasSize(2);
    }

    @Test
    void currentEntriesCarryThePageFields() throws IOException {
        PageEntry e =
                metadata.readPageEntry(gzip(fixture("entry-current.json"))).get();

        assertThat(e.pageCompany()).contains("Ærø Energi A/S");
        assertThat(e.pageReleaseTimeUtc()).contains("2025-03-14T08:30:00Z");
        assertThat(e.pageReleaseTimeText()).contains("14 mars 2025 09:30 CET");
        assertThat(e.summary()).isEmpty();
        assertThat(e.headers()).containsEntry("content-length", "12345");
    }

    @Test
    void anEntryThatIsNotGzipIsRejectedAsSuch() {
        assertThat(metadata.readPageEntry("{\"msgId\":\"rss__39674985912ef849\"}".getBytes())
                        .getLeft())
                .startsWith("entry.json.gz is not gzip");
    }

    @Test
    void everyMetaWrittenReadsBackEqual() {
        qt().withExamples(1_000)
                .forAll(
                        longs().between(0, 253_402_300_799_000L),
                        strings()
                                .allPossible()
                                .ofLengthBetween(0, 30)
                                .mix(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 30)),
                        longs().all(),
                        integers().between(0, 3))
                .checkAssert((ms, text, n, shape) -> {
                    String clean = wellFormed(text);
                    EmailMeta meta = new EmailMeta(
                            RawItemId.of(String.format("%016x", n)),
                            shape == 0 ? Option.none() : Option.of("\u201c" + clean + "\u201d <a@b.se>"),
                            Option.of(clean),
                            Instant.ofEpochMilli(ms),
                            shape < 2 ? Option.none() : Option.of(Instant.ofEpochSecond(ms / 1000)),
                            shape < 2 ? Option.none() : Option.of(clean),
                            shape < 3
                                    ? Option.none()
                                    : Option.of(Instant.ofEpochMilli(ms).plusNanos(456_000)),
                            shape < 3 ? Option.none() : Option.of("feedstore-email/2"));

                    assertThat(metadata.readEmailMeta(metadata.writeEmailMeta(meta))
                                    .get())
                            .isEqualTo(meta);
                });
    }

    @Test
    void everyEntryWrittenReadsBackEqual() {
        qt().withExamples(500)
                .forAll(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 40), longs().all())
                .checkAssert((text, n) -> {
                    String clean = wellFormed(text);
                    PageEntry entry = new PageEntry(
                            RawItemId.of(String.format("rss__%016x", n)),
                            Option.of(clean),
                            Option.none(),
                            Option.of(clean),
                            Option.of("Ærø – " + clean),
                            Option.of("https://x.se/" + n),
                            Option.none(),
                            Option.of(clean),
                            Option.none(),
                            Option.of("https://x.se/rss"),
                            Option.of("https://x.se/a"),
                            Option.of("2025-03-14T10:00:00+00:00"),
                            Map.of("content-type", "text/html", "x-" + Math.abs(n % 100), clean));

                    assertThat(metadata.readPageEntry(metadata.writePageEntry(entry))
                                    .get())
                            .isEqualTo(entry);
                });
    }

    /** Lone surrogates cannot survive UTF-8, in JSON or anywhere else; the generators may produce them. */
    private static String wellFormed(String text) {
        return text.codePoints()
                .filter(c -> c < 0xD800 || c > 0xDFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    @Test
    void aDeadLetterIsOneJsonLineNamingTheItemTheInputAndTheReason() throws IOException {
        io.feedstore.domain.bronze.RawItem item = io.feedstore.domain.bronze.RawItem.email(
                io.feedstore.domain.release.Source.of("gmail"),
                java.time.LocalDate.of(2025, 3, 14),
                RawItemId.gmail("18c3f0a2b4d5e6f8"));
        String letter = new JacksonBronzeMetadata()
                .deadLetter(item, "Takeout/Åsa – “inkorg”.mbox message 3", "not an RFC 822 message:\nno header");

        assertThat(letter).doesNotContain("\n");
        com.fasterxml.jackson.databind.JsonNode node =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(letter);
        assertThat(node.get("msgId").asText()).isEqualTo("18c3f0a2b4d5e6f8");
        assertThat(node.get("source").asText()).isEqualTo("gmail");
        assertThat(node.get("dt").asText()).isEqualTo("2025-03-14");
        assertThat(node.get("bronze_prefix").asText())
                .isEqualTo("bronze_raw/source=gmail/dt=2025-03-14/msgId=18c3f0a2b4d5e6f8/");
        assertThat(node.get("input").asText()).isEqualTo("Takeout/Åsa – “inkorg”.mbox message 3");
        assertThat(node.get("reason").asText()).isEqualTo("not an RFC 822 message:\nno header");
    }
}
