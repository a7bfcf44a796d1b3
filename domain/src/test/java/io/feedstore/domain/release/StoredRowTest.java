package io.feedstore.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.domain.Generators;
import io.feedstore.domain.consolidation.RowDigest;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class StoredRowTest {

    /** Bytes that are UTF-8 or nearly: real text, then a few bytes overwritten with what breaks UTF-8 most often. */
    private static final byte[][] BREAKERS = {
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a high surrogate, as CESU-8 writes it
        {(byte) 0xed, (byte) 0xbf, (byte) 0xbf}, // a low surrogate
        {(byte) 0xc0, (byte) 0x80}, // an overlong NUL
        {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // an overlong '/'
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        {(byte) 0xf5},
        {(byte) 0xff},
        {(byte) 0x80}, // a continuation without a start
        {(byte) 0xe2, (byte) 0x80}, // an en-dash cut short
        {(byte) 0xf0, (byte) 0x9f, (byte) 0x9a}, // an emoji cut short
    };

    private static Gen<byte[]> nearlyUtf8() {
        Gen<String> text = Generators.texts(40);
        Gen<Integer> breaker = integers().between(-3, BREAKERS.length - 1);
        Gen<Integer> at = integers().between(0, 200);
        Gen<Integer> randomByte = integers().between(0, 255);
        return in -> {
            byte[] bytes = text.generate(in).getBytes(StandardCharsets.UTF_8);
            int choice = breaker.generate(in);
            if (choice == -3 && bytes.length > 0) {
                bytes[at.generate(in) % bytes.length] = (byte) (int) randomByte.generate(in);
                return bytes;
            }
            if (choice < 0) {
                return bytes;
            }
            byte[] broken = BREAKERS[choice];
            int position = bytes.length == 0 ? 0 : at.generate(in) % (bytes.length + 1);
            byte[] result = new byte[bytes.length + broken.length];
            System.arraycopy(bytes, 0, result, 0, position);
            System.arraycopy(broken, 0, result, position, broken.length);
            System.arraycopy(bytes, position, result, position + broken.length, bytes.length - position);
            return result;
        };
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void theUtf8CheckAcceptsExactlyWhatTheJdksStrictDecoderAccepts() {
        qt().withExamples(5_000)
                .forAll(nearlyUtf8())
                .checkAssert(bytes -> assertThat(Utf8.isWellFormed(bytes))
                        .as("%s", java.util.Arrays.toString(bytes))
                        .isEqualTo(jdkAccepts(bytes)));
        Gen<List<Integer>> anyBytes = lists().of(integers().between(0, 255)).ofSizeBetween(0, 24);
        qt().withExamples(5_000).forAll(anyBytes).checkAssert(list -> {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (int) list.get(i);
            }
            assertThat(Utf8.isWellFormed(bytes)).isEqualTo(jdkAccepts(bytes));
        });
    }

    @Test
    void textDecodedFromBytesTheUtf8CheckAcceptsHoldsNoUnpairedSurrogateAndEncodesBackToThoseBytes() {
        qt().withExamples(5_000).forAll(nearlyUtf8()).checkAssert(bytes -> {
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            // The JDK's decoder turns every malformed sequence, an encoded surrogate included, into U+FFFD.
            assertThat(Text.isWellFormed(decoded)).isTrue();
            if (Utf8.isWellFormed(bytes)) {
                assertThat(decoded.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
            }
        });
    }

    @Test
    void everyWellFormedTextIsAcceptedWhereverItsMultiByteCharactersFall() {
        String nordic = "Åsa Lindqvist – “Jyväskylä” ‘Ærø’ 東京 🚀 ";
        for (int prefix = 0; prefix < 16; prefix++) {
            byte[] bytes = ("x".repeat(prefix) + nordic.repeat(3)).getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.isWellFormed(bytes)).isTrue();
        }
    }

    /**
     * Rows as other writers may store them: feedstore's own form of a valid record, with one column replaced by
     * something the record path may refuse or rewrite (bytes that are not UTF-8, other timestamp forms, blank ids,
     * bad sources, missing required columns, versions beyond 32 bits).
     */
    private static Gen<StoredRow> storedRows() {
        Gen<PressRelease> records = Generators.pressReleases();
        Gen<Integer> column = integers().between(0, 11);
        Gen<Integer> kind = integers().between(0, 9);
        Gen<byte[]> nearly = nearlyUtf8();
        Gen<Long> version = Generate.frequency(List.of(
                Pair.of(3, longs().between(-5, 5)),
                Pair.of(1, longs().between(Integer.MAX_VALUE - 2L, Integer.MAX_VALUE + 2L)),
                Pair.of(1, longs().between(Integer.MIN_VALUE - 2L, Integer.MIN_VALUE + 2L))));
        return in -> {
            StoredRow base = StoredRow.of(records.generate(in));
            byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
            for (int c = 0; c < strings.length; c++) {
                strings[c] = base.value(c);
            }
            Long parser = base.parserVersion();
            Long schema = base.schemaVersion();
            int target = column.generate(in);
            if (target >= StoredRow.STRING_COLUMNS) {
                if (target == 10) {
                    parser = version.generate(in);
                } else {
                    schema = version.generate(in);
                }
                return new StoredRow(strings, parser, schema);
            }
            String now = strings[target] == null ? "" : new String(strings[target], StandardCharsets.UTF_8);
            strings[target] = switch (kind.generate(in)) {
                case 0, 1 -> nearly.generate(in);
                case 2 -> null;
                case 3 -> utf8(" ");
                case 4 -> utf8(now.replace("+00:00", "Z"));
                case 5 -> utf8(now.replace('T', ' '));
                case 6 -> utf8(now + " ");
                case 7 -> utf8("2025-01-15T12:00:00.500000000+02:00");
                case 8 -> utf8("Åsa–Jyväskylä");
                default -> utf8(now.toUpperCase(java.util.Locale.ROOT));
            };
            return new StoredRow(strings, parser, schema);
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theBytePathAndTheRecordPathAgreeOnEveryRowAcceptedOrRefusedTheWrittenBytesAndTheDigest() {
        qt().withExamples(3_000).forAll(storedRows()).checkAssert(row -> {
            Either<String, PressRelease> byRecord = Try.of(row::toWire)
                    .toEither()
                    .mapLeft(Throwable::getMessage)
                    .flatMap(wire -> wire.toPressRelease().mapLeft(Throwable::getMessage));
            Either<String, CheckedRow> byBytes = row.check().mapLeft(Throwable::getMessage);

            assertThat(byBytes.isRight())
                    .as("accepted by the byte path: %s", row)
                    .isEqualTo(byRecord.isRight());
            if (byRecord.isLeft()) {
                assertThat(byBytes.getLeft()).isEqualTo(byRecord.getLeft());
                return;
            }
            PressRelease record = byRecord.get();
            CheckedRow checked = byBytes.get();
            assertThat(checked.row()).isEqualTo(StoredRow.of(record));
            assertThat(RowDigest.of(checked.row())).isEqualTo(RowDigest.of(record));
            assertThat(checked.row().toPressRelease()).isEqualTo(record);
            assertThat(checked).isEqualTo(CheckedRow.of(record));
        });
    }

    @Test
    void aRowInFeedstoresOwnFormPassesThroughUnchanged() {
        qt().withExamples(1_000).forAll(Generators.pressReleases()).checkAssert(record -> {
            StoredRow row = StoredRow.of(record);
            assertThat(row.check().get().row()).isSameAs(row);
        });
    }

    @Test
    void aTextThatIsNotUtf8IsRefusedNamingItsColumn() {
        StoredRow valid = StoredRow.of(PressRelease.builder(
                        PressReleaseId.of("prn-1"), Source.of("prnewswire"), java.time.LocalDate.of(2025, 1, 14))
                .fullText("Åsa Lindqvist – “Ærø”")
                .build());
        byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
        for (int c = 0; c < strings.length; c++) {
            strings[c] = valid.value(c);
        }
        strings[7] = new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThat(new StoredRow(strings, null, null).check().getLeft().getMessage())
                .isEqualTo("column full_text is not valid UTF-8");
    }

    @Test
    void aRowThatIsNotUtf8CanStillBeShownForAnErrorMessage() {
        byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
        strings[0] = "Åsa–1".getBytes(StandardCharsets.UTF_8);
        strings[7] = new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThat(new StoredRow(strings, 3L, null).toString())
                .contains("press_release_id=Åsa–1", "full_text=a\uFFFD", "parser_version=3");
    }
}
