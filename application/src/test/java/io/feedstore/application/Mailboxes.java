package io.feedstore.application;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.adapters.bronzejson.JacksonBronzeMetadata;
import io.feedstore.adapters.html.JsoupHtmlText;
import io.feedstore.adapters.html.JsoupPageParser;
import io.feedstore.adapters.mime.Mime4jMessageParser;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.store.ObjectStore;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.quicktheories.core.Gen;

/** Realistic mailboxes for the bronze tests: Nordic senders, en-dashes, curly quotes, CJK, emoji, and junk. */
final class Mailboxes {

    static final List<String> SENDERS = List.of(
            "\"Åsa Lindqvist\" via Cision <noreply@cision.com>",
            "Jyväskylän kaupunki <tiedotteet@jyvaskyla.fi>",
            "\"Ærø Energi A/S\" <news@aeroe.dk>",
            "Mynewsdesk on behalf of Sökö Oy <news@mynewsdesk.com>",
            "news@acme.se");
    static final List<String> TITLES = List.of(
            "Ærø Energi – “rekordår” 2024 🎉",
            "Jyväskylä valitsee – uusi strategia",
            "Åsa Lindqvist ny vd – “en ny era”",
            "日本市場へ – Sökö Oy expands",
            "Kvartalsrapport Q1 – Öresund AB");
    static final List<String> DECLARED = List.of(
            "Publicerad: 2025-03-14 09:30 CET",
            "Julkaistu 14.3.2025 klo 9.30 EET",
            "Offentliggjort den 2025-06-02 08:00 CEST",
            "Published: 2025-03-14 09:30 GMT+2",
            "Pressmeddelande utan tid – läs mer");

    private Mailboxes() {}

    /** One message: an RFC 822 text, or bytes that are no message at all. */
    static Gen<IncomingEmail> messages() {
        return integers()
                .between(0, Integer.MAX_VALUE)
                .zip(booleans().all(), integers().between(0, 9), (seed, gmail, junk) -> {
                    if (junk == 0) {
                        return new IncomingEmail(
                                "junk-" + seed,
                                ("\u0000\u0001 – not a message " + seed).getBytes(StandardCharsets.UTF_8),
                                Option.none(),
                                Option.none());
                    }
                    String text = message(seed);
                    return new IncomingEmail(
                            "message-" + seed + ".eml",
                            text.getBytes(StandardCharsets.UTF_8),
                            gmail
                                    ? Option.of(RawItemId.gmail(String.format("%016x", (long) seed * 7919L)))
                                    : Option.none(),
                            Option.none());
                });
    }

    static Gen<List<IncomingEmail>> mailboxes() {
        return lists().of(messages()).ofSizeBetween(1, 8);
    }

    static String message(int seed) {
        String title = TITLES.get(seed % TITLES.size());
        String subject =
                "=?UTF-8?B?" + Base64.getEncoder().encodeToString(title.getBytes(StandardCharsets.UTF_8)) + "?=";
        int day = 1 + seed % 28;
        return "From: " + SENDERS.get(seed % SENDERS.size()) + "\r\n"
                + "To: press@feedstore.example\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + seed + "@mail.feedstore.example>\r\n"
                + "Date: Fri, " + day + " Mar 2025 09:31:02 +0100\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Stockholm, " + day + " mars 2025 – " + title + "\r\n"
                + DECLARED.get(seed % DECLARED.size()) + "\r\n"
                + "\r\n"
                + "Omsättningen ökade med 12 % – “ett rekordår” 🎉 日本語も。 (" + seed + ")\r\n";
    }

    static EmailSource of(List<IncomingEmail> emails) {
        return each -> emails.forEach(each::accept);
    }

    static IngestEmails ingest(ObjectStore store, RecordCodec codec, Clock clock) {
        return new IngestEmails(
                store,
                codec,
                new Mime4jMessageParser(),
                new JsoupHtmlText(),
                new JacksonBronzeMetadata(),
                new BatchWriterSettings(3),
                clock);
    }

    /** {@code archivers} messages archived at once; 1 archives on the calling thread. */
    static IngestEmails ingest(ObjectStore store, RecordCodec codec, Clock clock, int archivers) {
        return new IngestEmails(
                store,
                codec,
                new Mime4jMessageParser(),
                new JsoupHtmlText(),
                new JacksonBronzeMetadata(),
                new BatchWriterSettings(3),
                clock,
                archivers);
    }

    static ReplayBronze replay(ObjectStore store, RecordCodec codec, Clock clock) {
        return new ReplayBronze(
                store,
                codec,
                new Mime4jMessageParser(),
                new JsoupHtmlText(),
                new JsoupPageParser(),
                new JacksonBronzeMetadata(),
                new BatchWriterSettings(3),
                clock,
                4);
    }
}
