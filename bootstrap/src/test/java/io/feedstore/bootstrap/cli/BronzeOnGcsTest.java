package io.feedstore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.application.ArchiveAndAdd;
import io.feedstore.application.Archived;
import io.feedstore.bootstrap.Feedstore;
import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.gcsserver.GcsTestServer;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bronze commands and the library's archive on the GCS test server, asserted on what the server holds. */
class BronzeOnGcsTest {

    private static final String BUCKET = "feedstore-bronze";
    private static GcsTestServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() {
        server = GcsTestServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli gcs(String store) {
        return new Cli(temp.resolve("unused"))
                .withVariable("FEEDSTORE_STORE", store)
                .withVariable("STORAGE_EMULATOR_HOST", server.endpoint().toString())
                .withVariable("FEEDSTORE_GCS_RETRY_TIMEOUT", "5s")
                .withVariable("FEEDSTORE_GCS_RETRY_DELAY", "50ms");
    }

    @Test
    void ingestEmailStoresTheBronzeHeadersAndMetadataAndARerunRewritesNoObject() {
        Cli cli = gcs("gs://" + BUCKET + "/mail");
        Path mbox = BronzeMail.takeout(temp);

        Cli.Run first = cli.run("ingest-email", "--input", mbox.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String eml = "mail/bronze_raw/source=gmail/dt=2025-01-14/msgId=18e0b733fdba1737/message.eml";
        assertThat(server.headers(BUCKET, eml)).contains(Map.of("contentType", "message/rfc822"));
        Map<String, String> metadata = server.metadata(BUCKET, eml).orElseThrow();
        assertThat(metadata)
                .containsEntry("msgId", "18e0b733fdba1737")
                .containsEntry("source", "gmail")
                .containsKey("ingested_at");
        assertThat(metadata.get("ingested_at")).startsWith("2025-01-16T08:00:00");
        assertThat(server.headers(BUCKET, eml.replace("message.eml", "meta.json")))
                .contains(Map.of("contentType", "application/json"));
        Map<String, Long> generations = bronzeGenerations("mail/");

        Cli.Run again = cli.run("ingest-email", "--input", mbox.toString());

        assertThat(again.out()).contains("0 archived, 3 already archived, 3 parsed");
        // Every create was refused by its precondition on the server: no bronze object has a new generation.
        assertThat(bronzeGenerations("mail/")).isEqualTo(generations);
        assertThat(cli.run("audit", "--from", "2025-01-14", "--to", "2025-01-15")
                        .exitCode())
                .isZero();
    }

    @Test
    void theLibraryArchivesAPageGzippedWithNoTransformAndReplayReadsItBack() {
        Map<String, String> environment =
                Map.of("STORAGE_EMULATOR_HOST", server.endpoint().toString());
        Source source = Source.of("mynewsdesk");
        RawItemId id = RawItemId.ofEntry(source, "urn:mynewsdesk:pressrelease:3310021", null, null);
        RawItem item = RawItem.page(source, LocalDate.parse("2025-01-14"), id);
        String url = "https://www.mynewsdesk.com/se/oresund/pressreleases/åsa-lindqvist-ny-vd-3310021";
        String html = "<html><head><title>Åsa Lindqvist ny vd – Öresund AB</title>"
                + "<meta property=\"article:published_time\" content=\"2025-01-14T08:00:00+01:00\"></head>"
                + "<body><article><h1>Åsa Lindqvist ny vd</h1><p>Stockholm – Öresund AB utser Åsa Lindqvist"
                + " till vd, “en ny era” 🎉 日本語.</p></article></body></html>";
        PageEntry entry = new PageEntry(
                id,
                Option.none(),
                Option.none(),
                Option.none(),
                Option.of("Åsa Lindqvist ny vd – Öresund AB"),
                Option.of(url),
                Option.of("Tue, 14 Jan 2025 07:00:00 GMT"),
                Option.of("Öresund AB utser en ny vd"),
                Option.of("Öresund AB – pressmeddelanden"),
                Option.of("https://www.mynewsdesk.com/se/oresund/rss"),
                Option.of(url),
                Option.of("2025-01-14T07:05:00Z"),
                Map.of("content-type", "text/html; charset=utf-8"));
        PressRelease release = PressRelease.builder(
                        PressReleaseId.of(id.value()), source, LocalDate.parse("2025-01-14"))
                .title("Åsa Lindqvist ny vd – Öresund AB")
                .build();

        Archived archived;
        try (Feedstore feedstore = Feedstore.open(URI.create("gs://" + BUCKET + "/pages"), environment);
                ArchiveAndAdd archive = feedstore.archive()) {
            archived = archive.page(item, html.getBytes(StandardCharsets.UTF_8), entry, Option.of(url), release);
        }

        String key = "pages/" + item.prefix().value() + "content.html.gz";
        assertThat(archived.partsCreated()).isEqualTo(2);
        assertThat(server.headers(BUCKET, key))
                .contains(
                        Map.of("contentType", "text/html", "contentEncoding", "gzip", "cacheControl", "no-transform"));
        assertThat(server.metadata(BUCKET, key).orElseThrow())
                .containsEntry("msgId", id.value())
                .containsEntry("source", "mynewsdesk")
                .containsEntry("url", url)
                .containsKey("ingested_at");
        byte[] stored = server.content(BUCKET, key).orElseThrow();
        assertThat(stored[0]).isEqualTo((byte) 0x1f);
        assertThat(stored[1]).isEqualTo((byte) 0x8b);
        assertThat(server.headers(BUCKET, key.replace("content.html.gz", "entry.json.gz")))
                .contains(Map.of(
                        "contentType", "application/json", "contentEncoding", "gzip", "cacheControl", "no-transform"));

        Cli cli = gcs("gs://" + BUCKET + "/pages");
        Cli.Run replay = cli.run("replay", "--from", "2025-01-14", "--to", "2025-01-14", "--sources", "mynewsdesk");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("Replayed 1 bronze item").contains("1 parsed");
        Cli.Run load = cli.run("load", "--from", "2025-01-14", "--to", "2025-01-14");
        assertThat(load.out())
                .contains("\"press_release_id\":\"" + id.value() + "\"")
                .contains("\"release_ts_utc\":\"2025-01-14T07:00:00")
                .contains("\"source_url\":\"" + url + "\"");
    }

    private static Map<String, Long> bronzeGenerations(String prefix) {
        List<String> names = server.objectNames(BUCKET).stream()
                .filter(n -> n.startsWith(prefix + "bronze_raw/"))
                .toList();
        assertThat(names).isNotEmpty();
        return names.stream()
                .collect(Collectors.toMap(
                        n -> n, n -> server.generation(BUCKET, n).orElseThrow()));
    }
}
