package io.feedstore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.bronze.RawItemId;
import io.feedstore.domain.bronze.RawPart;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.ReadCondition;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory for real: an mbox holding a message with a 64 MiB attachment is ingested by the command line in
 * a child JVM whose heap (48 MiB) is smaller than that one message, and the archived {@code message.eml} is the
 * input message byte for byte; replay parses it again in that heap. Holding a whole message in memory, as an
 * array, cannot fit.
 */
class LargeMessageIngestTest {

    private static final int HEAP_MB = 48;
    private static final long ATTACHMENT_BASE64_BYTES = 64L * 1024 * 1024;
    private static final String LARGE_ID_DECIMAL = "1792634085621503802";

    @TempDir
    Path temp;

    @Test
    void aMessageLargerThanTheHeapIsArchivedByteForByteReplayedAndItsTextBecomesAPressRelease() throws Exception {
        Path mbox = temp.resolve("Takeout/Mail/Årsredovisning – “stora bilagor”.mbox");
        Files.createDirectories(mbox.getParent());
        byte[] expected = writeMailbox(mbox);
        Path store = temp.resolve("store");
        Path spill = Files.createDirectories(temp.resolve("tmp"));

        Child child = Child.run(
                temp,
                "-Xmx" + HEAP_MB + "m",
                "-Djava.io.tmpdir=" + spill,
                "--store",
                "file:" + store,
                "ingest-email",
                "--input",
                mbox.toString());

        assertThat(child.exitCode()).as(child.toString()).isZero();
        assertThat(child.out()).as(child.toString()).contains("3 archived, 0 already archived, 3 parsed, 0 rejected");
        ObjectStore objects = new Cli(store).store();
        RawItem large = RawItem.email(
                Source.of("gmail"), LocalDate.of(2025, 2, 3), RawItemId.fromTakeoutDecimal(LARGE_ID_DECIMAL));
        try (ObjectContent archived = objects.open(large.key(RawPart.MESSAGE_EML), ReadCondition.latest())
                .get()) {
            assertThat(digest(archived)).as("message.eml is the input message").isEqualTo(expected);
        }
        assertThat(objects.details(large.key(RawPart.MESSAGE_EML))
                        .get()
                        .attributes()
                        .contentType())
                .isEqualTo("message/rfc822");
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no spilled message outlives the run")
                    .noneMatch(name -> name.startsWith("feedstore-spill-"));
        }
        Child replay = Child.run(
                temp,
                "-Xmx" + HEAP_MB + "m",
                "-Djava.io.tmpdir=" + spill,
                "--store",
                "file:" + store,
                "replay",
                "--from",
                "2025-02-03",
                "--to",
                "2025-02-03");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).as(replay.toString()).contains("3 parsed");
        String loaded = new Cli(store)
                .run("load", "--from", "2025-02-01", "--to", "2025-02-05")
                .out();
        assertThat(loaded)
                .contains("Öresund AB – årsredovisning 2024 med “bilagor”")
                .contains("Malmö – Öresund AB publicerar årsredovisningen")
                .doesNotContain("JVBERi0");
    }

    /** Three messages, the middle one with the attachment; answers the SHA-256 of the middle message's bytes. */
    private static byte[] writeMailbox(Path mbox) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mbox), 1 << 16)) {
            write(out, "From 1792634085621503801@xxx Mon Feb 03 07:15:00 +0000 2025\n");
            write(
                    out,
                    BronzeMail.message(
                                    "\"Ærø Energi A/S\" <news@aeroe.dk>",
                                    "=?UTF-8?Q?=C3=86r=C3=B8_Energi_=E2=80=93_kvartal?=",
                                    "<q4@aeroe.dk>",
                                    "Mon, 03 Feb 2025 08:15:00 +0100",
                                    "Ærø – Ærø Energi melder “rekordkvartal” 🎉\n")
                            + "\n");
            write(out, "From " + LARGE_ID_DECIMAL + "@xxx Mon Feb 03 09:30:00 +0000 2025\n");
            DigestOutputStream message = new DigestOutputStream(out, digest);
            write(message, largeMessageHead());
            Random random = new Random(2025);
            byte[] raw = new byte[57];
            Base64.Encoder base64 = Base64.getEncoder();
            for (long written = 0; written < ATTACHMENT_BASE64_BYTES; written += 77) {
                random.nextBytes(raw);
                message.write(base64.encode(raw));
                message.write('\n');
            }
            write(message, "\n--=_Part_2025_Oresund--\n\n");
            message.flush();
            write(out, "From 1792634085621503803@xxx Mon Feb 03 11:00:00 +0000 2025\n");
            write(
                    out,
                    BronzeMail.message(
                            "Jyväskylän kaupunki <tiedotteet@jyvaskyla.fi>",
                            "=?UTF-8?Q?Jyv=C3=A4skyl=C3=A4_=E2=80=93_talousarvio?=",
                            "<talous@jyvaskyla.fi>",
                            "Mon, 03 Feb 2025 13:00:00 +0200",
                            "Jyväskylä – “talousarvio” 2025, 東京 🚀\n"));
        }
        return digest.digest();
    }

    private static String largeMessageHead() {
        return "From: \"Åsa Lindqvist\" via Cision <noreply@cision.com>\n"
                + "To: press@feedstore.example\n"
                + "Subject: =?UTF-8?Q?=C3=96resund_AB_=E2=80=93_=C3=A5rsredovisning_2024_med_"
                + "=E2=80=9Cbilagor=E2=80=9D?=\n"
                + "Message-ID: <arsredovisning-2024@cision.com>\n"
                + "Date: Mon, 03 Feb 2025 10:30:00 +0100\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"=_Part_2025_Oresund\"\n"
                + "\n"
                + "--=_Part_2025_Oresund\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + "Malmö – Öresund AB publicerar årsredovisningen för 2024 – “ett rekordår”. 日本語 🎉\n"
                + "Publicerad: 2025-02-03 10:00 CET\n"
                + "\n"
                + "--=_Part_2025_Oresund\n"
                + "Content-Type: application/pdf; name=\"Årsredovisning – 2024.pdf\"\n"
                + "Content-Disposition: attachment; filename=\"Årsredovisning – 2024.pdf\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "JVBERi0xLjcKJeLjz9MK\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(ObjectContent content) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] piece = new byte[1 << 20];
        for (long position = 0; position < content.size(); position += piece.length) {
            int length = (int) Math.min(piece.length, content.size() - position);
            content.readFully(position, piece, 0, length);
            digest.update(piece, 0, length);
        }
        return digest.digest();
    }

    /** {@code feedstore} in its own JVM, as {@code ./feedstore} runs it. */
    private record Child(int exitCode, String out, String err) {

        static Child run(Path temp, String heap, String tmpdir, String... args) throws Exception {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path out = Files.createTempFile(temp, "out", ".txt");
            Path err = Files.createTempFile(temp, "err", ".txt");
            List<String> command = new ArrayList<>(List.of(
                    java,
                    heap,
                    "-XX:+ExitOnOutOfMemoryError",
                    tmpdir,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("FEEDSTORE_"));
            Process process = builder.start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the child did not end in 300 s: " + Files.readString(err));
            }
            return new Child(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }
}
