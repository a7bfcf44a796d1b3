package io.feedstore.adapters.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.feedstore.domain.bronze.ParsedMessage;
import io.feedstore.domain.bronze.RawItemId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxSplitterTest {

    private final Mime4jMessageParser parser = new Mime4jMessageParser();

    private static List<MboxSplitter.Entry> split(InputStream mbox, List<byte[]> bodies) throws IOException {
        List<MboxSplitter.Entry> entries = new ArrayList<>();
        MboxSplitter.split(mbox, entry -> {
            entries.add(entry);
            bodies.add(entry.message().readAllBytes());
        });
        return entries;
    }

    @Test
    void aTakeoutMboxGivesEachMessageWithItsGmailIdAndUnescapedFromLines() throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        List<MboxSplitter.Entry> entries;
        try (InputStream in = getClass().getResourceAsStream("/mbox/takeout.mbox")) {
            entries = split(in, bodies);
        }

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).takeoutId()).contains(RawItemId.of("18e0b733fdba1737"));
        assertThat(entries.get(1).takeoutId()).contains(RawItemId.of("18e0b733fdba1738"));
        assertThat(entries.get(2).takeoutId()).isEmpty();
        String first = new String(bodies.get(0), StandardCharsets.UTF_8);
        assertThat(first)
                .startsWith("X-GM-THRID: 1792634085621503799\n")
                .contains("\nFrom the archive: this line was escaped by the writer.\n")
                .contains("\n>From here too, one level deeper.\n")
                .doesNotContain("From 1792634085621503800");
        ParsedMessage parsed =
                parser.parse(new ByteArrayInputStream(bodies.get(0))).get();
        assertThat(parsed.subject()).contains("Ærø Energi – første");
        assertThat(parsed.plainText().get()).contains("Offentliggjort den 2025-03-14 09:30 CET");
        assertThat(parser.parse(new ByteArrayInputStream(bodies.get(1)))
                        .get()
                        .plainText()
                        .get())
                .isEqualTo("Jyväskylä – andra texten 🎉\nFrom: at the start of a body line is text, not a separator"
                        + " – only \u201cFrom \u201d with a space is.\n\n");
        assertThat(entries.get(2).separator()).isEqualTo("From MAILER-DAEMON Fri Mar 14 11:00:00 2025");
    }

    @Test
    void aConsumerThatReadsNothingStillGetsEveryMessage() throws IOException {
        List<Long> seen = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/mbox/takeout.mbox")) {
            assertThat(MboxSplitter.split(in, entry -> seen.add(entry.index()))).isEqualTo(3);
        }
        assertThat(seen).containsExactly(0L, 1L, 2L);
    }

    @Test
    void splittingGivesBackExactlyTheMessagesAnMboxrdWriterWrote() {
        qt().withExamples(500)
                .forAll(
                        lists().of(strings().betweenCodePoints(' ', 'z').ofLengthBetween(0, 30))
                                .ofSizeBetween(0, 12),
                        integers().between(1, 5))
                .checkAssert((lines, messages) -> {
                    List<String> originals = new ArrayList<>();
                    ByteArrayOutputStream mbox = new ByteArrayOutputStream();
                    for (int m = 0; m < messages; m++) {
                        StringBuilder message = new StringBuilder("Subject: Åsa – nr " + m + "\n\n");
                        for (String line : lines) {
                            message.append(m % 2 == 0 ? ">".repeat(m) + "From " + line : line)
                                    .append('\n');
                        }
                        originals.add(message.toString());
                        mbox.writeBytes(("From " + (1000 + m) + "@xxx Thu Mar 13 08:00:00 +0000 2025\n")
                                .getBytes(StandardCharsets.UTF_8));
                        mbox.writeBytes(message.toString()
                                .replaceAll("(?m)^(>*From )", ">$1")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    List<byte[]> bodies = new ArrayList<>();
                    try {
                        split(new ByteArrayInputStream(mbox.toByteArray()), bodies);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(bodies.stream()
                                    .map(b -> new String(b, StandardCharsets.UTF_8))
                                    .toList())
                            .isEqualTo(originals);
                });
    }

    @Test
    void anMboxLargerThanTheHeapIsSplitAndParsedMessageByMessage() throws IOException {
        int messages = 3;
        long attachment = 100L * 1024 * 1024;
        List<InputStream> parts = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            parts.add(new ByteArrayInputStream(
                    ("From " + (1792634085621503799L + m) + "@xxx Fri Mar 14 09:30:00 +0000 2025\n"
                                    + "From: Ærø Energi <news@aeroe.dk>\nSubject: Bilaga " + m + " – \u201cstor\u201d\n"
                                    + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n"
                                    + "Text " + m + " – Åsa\n--b\nContent-Type: application/octet-stream\n"
                                    + "Content-Disposition: attachment; filename=\"x.bin\"\nContent-Transfer-Encoding: base64\n\n")
                            .getBytes(StandardCharsets.UTF_8)));
            parts.add(new MessageParsingPropertiesTest.Base64Lines(attachment));
            parts.add(new ByteArrayInputStream("\n--b--\n".getBytes(StandardCharsets.UTF_8)));
        }
        List<String> texts = new ArrayList<>();
        List<RawItemId> ids = new ArrayList<>();

        long count = MboxSplitter.split(new SequenceInputStream(Collections.enumeration(parts)), entry -> {
            ids.add(entry.takeoutId().get());
            texts.add(parser.parse(entry.message()).get().plainText().get());
        });

        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(messages * attachment);
        assertThat(count).isEqualTo(messages);
        assertThat(texts).containsExactly("Text 0 – Åsa", "Text 1 – Åsa", "Text 2 – Åsa");
        assertThat(ids)
                .containsExactly(
                        RawItemId.fromTakeoutDecimal("1792634085621503799"),
                        RawItemId.fromTakeoutDecimal("1792634085621503800"),
                        RawItemId.fromTakeoutDecimal("1792634085621503801"));
    }
}
