package io.feedstore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay of bronze items that cannot be parsed: each is reported with its reason and kept as a dead letter, the
 * summary counts it, the exit code is 1, and every other item is replayed all the same; never a stack trace.
 */
class ReplayDeadLettersTest {

    private static final String DAY = "bronze_raw/source=%s/dt=2025-01-15/msgId=%s/";
    private static final String GARBAGE_EMAIL = DAY.formatted("gmail", "18e0b733fdba17aa");
    private static final String BROKEN_META = DAY.formatted("gmail", "18e0b733fdba17ab");
    private static final String NOT_GZIP_PAGE = DAY.formatted("mynewsdesk", "mynewsdesk__39674985912ef849");
    private static final String BAD_JSON_PAGE = DAY.formatted("mynewsdesk", "mynewsdesk__0123456789abcdef");

    @TempDir
    Path temp;

    @Test
    void unparseableBronzeItemsAreDeadLetteredWithTheirReasonAndTheOthersAreStillReplayed() {
        Cli cli = new Cli(temp.resolve("store"));
        assertThat(cli.run("ingest-email", "--input", BronzeMail.eml(temp).toString())
                        .exitCode())
                .isZero();
        ObjectStore store = cli.store();
        create(
                store,
                GARBAGE_EMAIL + "message.eml",
                "\u0000\u0001\u0002 – “garbage” 🗑".getBytes(StandardCharsets.UTF_8));
        create(store, GARBAGE_EMAIL + "meta.json", meta("18e0b733fdba17aa"));
        create(
                store,
                BROKEN_META + "message.eml",
                BronzeMail.message(
                                "\"Ærø Energi A/S\" <news@aeroe.dk>",
                                "Ærø Energi – årsrapport",
                                "<aarsrapport@aeroe.dk>",
                                "Wed, 15 Jan 2025 10:00:00 +0100",
                                "Ærø – “årsrapport” 2024\n")
                        .getBytes(StandardCharsets.UTF_8));
        create(
                store,
                BROKEN_META + "meta.json",
                "{\"id\": \"18e0b733fdba17ab\", – Jyväskylä".getBytes(StandardCharsets.UTF_8));
        create(
                store,
                NOT_GZIP_PAGE + "content.html.gz",
                "<html><p>Öresund – “ej gzip”</p></html>".getBytes(StandardCharsets.UTF_8));
        create(store, NOT_GZIP_PAGE + "entry.json.gz", gzip(entry("mynewsdesk__39674985912ef849")));
        create(store, BAD_JSON_PAGE + "content.html.gz", gzip("<html><p>Sökö Oy – “tiedote”</p></html>"));
        create(store, BAD_JSON_PAGE + "entry.json.gz", gzip("{\"msgId\": \"mynewsdesk__0123456789abcdef\", – 東京"));

        Cli.Run replay = cli.run("replay", "--from", "2025-01-15", "--to", "2025-01-15");

        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(1);
        assertThat(replay.out())
                .as(replay.toString())
                .contains("Replayed 5 bronze items")
                .contains("1 parsed")
                .contains("4 rejected");
        assertThat(replay.err())
                .as(replay.toString())
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        for (String broken : List.of(GARBAGE_EMAIL, BROKEN_META, NOT_GZIP_PAGE, BAD_JSON_PAGE)) {
            assertThat(replay.errLines())
                    .as(replay.toString())
                    .anySatisfy(line -> assertThat(line).contains(broken).contains("no press release: "));
        }
        assertThat(replay.errLines())
                .anySatisfy(line -> assertThat(line).contains(NOT_GZIP_PAGE).contains("not gzip"));
        assertThat(replay.errLines()).anySatisfy(line -> assertThat(line).contains("rejects/replay_"));

        List<String> letters = deadLetters(store);
        assertThat(letters).hasSize(4);
        for (String broken : List.of(GARBAGE_EMAIL, BROKEN_META, NOT_GZIP_PAGE, BAD_JSON_PAGE)) {
            assertThat(letters)
                    .anySatisfy(letter -> assertThat(letter)
                            .contains("\"bronze_prefix\":\"" + broken + "\"")
                            .contains("\"reason\":\""));
        }
        assertThat(cli.run("load", "--from", "2025-01-15", "--to", "2025-01-15").out())
                .contains("Sökö Oy");
    }

    private static List<String> deadLetters(ObjectStore store) {
        List<String> letters = new ArrayList<>();
        for (ObjectInfo file : store.list(StoreLayout.REJECTS).get()) {
            if (file.key().name().startsWith("replay_")) {
                String content = new String(store.read(file.key()).get().content(), StandardCharsets.UTF_8);
                letters.addAll(content.lines().toList());
            }
        }
        return letters;
    }

    private static byte[] meta(String id) {
        return ("{\"id\": \"" + id
                        + "\", \"from\": \"Åsa Lindqvist <asa@oresund.se>\", \"subject\": \"Öresund – “nyhet”\","
                        + " \"internal_epoch_ms\": 1736935200000}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String entry(String msgId) {
        return "{\"msgId\": \"" + msgId + "\", \"title\": \"Öresund AB – “ny vd”\", \"link\":"
                + " \"https://www.mynewsdesk.com/se/oresund/ny-vd\", \"published\": \"Wed, 15 Jan 2025 07:00:00 GMT\"}";
    }

    private static void create(ObjectStore store, String key, byte[] content) {
        store.createIfAbsent(ObjectKey.of(key), content).get();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
