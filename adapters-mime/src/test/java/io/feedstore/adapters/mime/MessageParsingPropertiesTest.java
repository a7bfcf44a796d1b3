package io.feedstore.adapters.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.adapters.html.JsoupHtmlText;
import io.feedstore.domain.bronze.EmailRelease;
import io.feedstore.domain.bronze.ParsedMessage;
import io.feedstore.domain.release.PressRelease;
import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageParsingPropertiesTest {

    private static final List<String> FIXTURES = List.of(
            "multipart-alternative.eml",
            "html-only-base64.eml",
            "declared-gmt-plus-2-crlf.eml",
            "cet-in-summer-latin1.eml",
            "no-declared-time.eml",
            "with-attachments.eml",
            "nested-rfc822.eml");

    private final Mime4jMessageParser parser = new Mime4jMessageParser();
    private final EmailRelease rule = new EmailRelease(new JsoupHtmlText());

    private Either<String, PressRelease> release(byte[] bytes) {
        return parser.parse(new ByteArrayInputStream(bytes))
                .flatMap(m -> rule.toPressRelease(MessageFixturesTest.ITEM, m, MessageFixturesTest.RECEIVED));
    }

    @Test
    void randomBytesGiveAReleaseOrARejectionNeverAnException() {
        qt().withExamples(1_000)
                .forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 2_000))
                .checkAssert(values -> {
                    byte[] bytes = new byte[values.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = values.get(i).byteValue();
                    }
                    Either<String, PressRelease> result = release(bytes);
                    result.peekLeft(reason -> assertThat(reason).isNotBlank().doesNotContain("\n"));
                });
    }

    @Test
    void mangledRealMessagesGiveAReleaseOrARejectionNeverAnException() throws IOException {
        List<byte[]> corpus = new java.util.ArrayList<>();
        for (String name : FIXTURES) {
            try (InputStream in = MessageFixturesTest.fixture(name)) {
                corpus.add(in.readAllBytes());
            }
        }
        qt().withExamples(3_000)
                .forAll(integers().between(0, corpus.size() - 1), longs().all())
                .checkAssert((which, seed) -> {
                    byte[] bytes = mangle(corpus.get(which), new Random(seed));
                    Either<String, PressRelease> result = release(bytes);
                    result.peekLeft(reason -> assertThat(reason).isNotBlank().doesNotContain("\n"));
                    result.peek(r -> assertThat(r.parserVersion()).contains(2));
                });
    }

    /** Flips, deletes, duplicates and truncates: what a broken transfer or a hostile sender produces. */
    private static byte[] mangle(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(20);
        for (int i = 0; i < edits && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) "=?\r\n:;<>\"-".charAt(random.nextInt(10));
                case 2 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                default -> bytes = java.util.Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    @Test
    void anAttachmentLargerThanTheHeapStreamsPastWithoutBeingHeld() {
        long attachmentBytes = 200L * 1024 * 1024;
        String head = "From: \"Ærø Energi\" <news@aeroe.dk>\nSubject: Stor bilaga – \u201crapport\u201d\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                + "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"big.bin\"\n"
                + "Content-Transfer-Encoding: base64\n\n";
        String tail = "\n--b\nContent-Type: text/plain; charset=utf-8\n\nTexten efter bilagan – Åsa\n--b--\n";
        InputStream message = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                new Base64Lines(attachmentBytes),
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));

        ParsedMessage parsed = parser.parse(message).getOrElseThrow(reason -> new AssertionError(reason));

        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(attachmentBytes);
        assertThat(parsed.plainText()).contains("Texten efter bilagan – Åsa");
        assertThat(parsed.subject()).contains("Stor bilaga – \u201crapport\u201d");
    }

    /** {@code length} bytes of base64 text in 76-character lines, made as they are read. */
    static final class Base64Lines extends InputStream {
        private long remaining;
        private int column;

        Base64Lines(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            if (column == 76) {
                column = 0;
                return '\n';
            }
            column++;
            return 'Q';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = 0;
            while (n < len && remaining > 0) {
                b[off + n++] = (byte) read();
            }
            return n;
        }
    }
}
