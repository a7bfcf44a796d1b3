package io.feedstore.bootstrap.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Mail as the feed delivers it, written by hand for the command-line tests of the bronze commands. */
final class BronzeMail {

    private BronzeMail() {}

    /** A Google Takeout mbox of three press releases, the Gmail ids in the separators. */
    static Path takeout(Path directory) {
        return write(
                directory.resolve("Takeout/Mail/Pressmeddelanden.mbox"),
                "From 1792634085621503799@xxx Tue Jan 14 09:30:00 +0000 2025\n"
                        + "X-Gmail-Labels: Inbox,Pressmeddelanden\n"
                        + message(
                                "\"Ærø Energi A/S\" <news@aeroe.dk>",
                                "=?UTF-8?Q?=C3=86r=C3=B8_Energi_=E2=80=93_f=C3=B8rste_kvartal?=",
                                "<q1@aeroe.dk>",
                                "Tue, 14 Jan 2025 10:29:00 +0100",
                                "Ærø, 14. januar 2025 – Ærø Energi melder “rekordkvartal” 🎉\n"
                                        + "Offentliggjort den 2025-01-14 10:00 CET\n")
                        + "\nFrom 1792634085621503800@xxx Tue Jan 14 11:00:00 +0000 2025\n"
                        + message(
                                "Jyväskylän kaupunki <tiedotteet@jyvaskyla.fi>",
                                "=?UTF-8?Q?Jyv=C3=A4skyl=C3=A4_=E2=80=93_uusi_strategia?=",
                                "<strategia@jyvaskyla.fi>",
                                "Tue, 14 Jan 2025 13:00:00 +0200",
                                "Jyväskylä – kaupunki julkaisee “uuden strategian”.\n"
                                        + "Julkaistu 14.1.2025 klo 12.45 EET\n")
                        + "\nFrom 1792634085621503801@xxx Wed Jan 15 07:15:00 +0000 2025\n"
                        + message(
                                "\"Åsa Lindqvist\" via Cision <noreply@cision.com>",
                                "=?ISO-8859-1?Q?=C5sa_Lindqvist_ny_vd_f=F6r_=D6resund_AB?=",
                                "<vd@cision.com>",
                                "Wed, 15 Jan 2025 08:15:00 +0100",
                                "Stockholm – Åsa Lindqvist tillträder som vd – 日本語 🎉\n"
                                        + "Publicerad: 2025-01-15 08:00 CET\n"));
    }

    /** A single .eml without a Gmail id: its id comes from the Message-ID. */
    static Path eml(Path directory) {
        return write(
                directory.resolve("inbox/sökö.eml"),
                message(
                        "Mynewsdesk on behalf of Sökö Oy <news@mynewsdesk.com>",
                        "=?UTF-8?Q?S=C3=B6k=C3=B6_Oy_=E2=80=93_tilinp=C3=A4=C3=A4t=C3=B6s?=",
                        "<sokoe-2025@mynewsdesk.com>",
                        "Wed, 15 Jan 2025 09:00:00 +0200",
                        "Helsinki – Sökö Oy:n “tilinpäätös” 2024.\n"));
    }

    /** Bytes that are no message at all. */
    static Path junk(Path directory) {
        return write(directory.resolve("inbox/broken.eml"), "\u0000\u0001 – nothing here\n");
    }

    static String message(String from, String subject, String messageId, String date, String body) {
        return "From: " + from + "\n"
                + "To: press@feedstore.example\n"
                + "Subject: " + subject + "\n"
                + "Message-ID: " + messageId + "\n"
                + "Date: " + date + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + body;
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
