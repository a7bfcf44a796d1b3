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
import java.time.Instant;
import java.time.ZoneOffset;
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

    /** Dates in {@code YYYY-MM-DD} shape at the edges: years in and out of those recognised, days that do not exist. */
    private static Gen<String> edgyDates() {
        Gen<Integer> year = Generate.pick(List.of(1, 1899, 1900, 1901, 1970, 2000, 2024, 2100, 2199, 2200, 9999));
        Gen<Integer> month = Generate.frequency(
                List.of(Pair.of(4, integers().between(1, 12)), Pair.of(1, Generate.pick(List.of(0, 2, 13)))));
        Gen<Integer> day = Generate.frequency(List.of(
                Pair.of(3, integers().between(1, 28)),
                Pair.of(2, integers().between(28, 32)),
                Pair.of(1, Generate.pick(List.of(0)))));
        return in -> String.format("%04d-%02d-%02d", year.generate(in), month.generate(in), day.generate(in));
    }

    /** An edgy date, then {@code T} (or another separator) and a time of day, sometimes out of range. */
    private static Gen<String> edgyTimes() {
        Gen<String> dates = edgyDates();
        Gen<Integer> hour = Generate.frequency(
                List.of(Pair.of(4, integers().between(0, 23)), Pair.of(1, Generate.pick(List.of(24, 99)))));
        Gen<Integer> sixty = Generate.frequency(
                List.of(Pair.of(4, integers().between(0, 59)), Pair.of(1, Generate.pick(List.of(60, 99)))));
        return in -> dates.generate(in)
                + Generate.pick(List.of("T", "T", "T", " ", "t")).generate(in)
                + String.format("%02d:%02d:%02d", hour.generate(in), sixty.generate(in), sixty.generate(in));
    }

    private static Gen<String> fractions() {
        return Generate.pick(List.of(
                "",
                "",
                ".5",
                ".05",
                ".50",
                ".123456",
                ".123450",
                ".000001",
                ".123456789",
                ".1234567890",
                ".",
                ".0",
                ".12a4"));
    }

    private static Gen<String> offsets() {
        return Generate.pick(List.of("+00:00", "+00:00", "Z", "+01:00", "-00:00", "", "+00:0", "+00:000"));
    }

    /** The key of {@code ingested_at}'s bytes is the record's key of the instant it reads, or the record's refusal. */
    @Test
    void theKeyOfIngestedAtsBytesIsTheRecordsKeyOrItsRefusal() {
        Gen<String> times = edgyTimes();
        Gen<String> fractions = fractions();
        Gen<String> offsets = offsets();
        Gen<String> values = in -> times.generate(in) + fractions.generate(in) + offsets.generate(in);
        qt().withExamples(5_000).forAll(values).checkAssert(text -> {
            Either<String, Long> byRecord = Try.of(
                            () -> PressRelease.ingestedAtKey(WireRecord.parseInstant(WireRecord.INGESTED_AT, text)))
                    .toEither()
                    .mapLeft(Throwable::getMessage);
            Either<String, Long> byBytes = Try.of(() -> PressRelease.ingestedAtKey(utf8(text)))
                    .toEither()
                    .mapLeft(Throwable::getMessage);

            assertThat(byBytes).as(text).isEqualTo(byRecord);
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theBytePathAndTheRecordPathAgreeOnEveryRowAcceptedOrRefusedTheWrittenBytesAndTheDigest() {
        qt().withExamples(3_000).forAll(storedRows()).checkAssert(StoredRowTest::bothPathsAgree);
    }

    /**
     * The byte path's fast check of keys already in feedstore's form ({@link CanonicalKeys}) against the record
     * path, on keys at every edge of that form: years just inside and outside the ones it recognises, days and
     * times out of range, leap days, fractions of every width with and without a trailing zero, other offsets,
     * blank and non-ASCII ids, sources that break the rule.
     */
    @Test
    void keysAtEveryEdgeOfFeedstoresFormAreCheckedAsTheRecordPathChecksThem() {
        qt().withExamples(6_000).forAll(rowsWithEdgyKeys()).checkAssert(StoredRowTest::bothPathsAgree);
    }

    /**
     * The fast check is the path taken: a row feedstore wrote, of the years it recognises, with an id that starts
     * with a visible ASCII character (as every real id does), passes it.
     */
    @Test
    void aRowFeedstoreWroteIsRecognisedOnItsBytesWithoutTheRecordsRules() {
        Gen<Instant> recognised = Generators.instants()
                .map(t -> t.atZone(ZoneOffset.UTC)
                        .withYear(Math.floorMod(t.atZone(ZoneOffset.UTC).getYear(), 300) + CanonicalKeys.FIRST_YEAR)
                        .toInstant());
        Gen<PressRelease> records = Generators.pressReleases(
                        // An id starting with a visible ASCII character is plainly not blank.
                        Generators.ids().map(id -> PressReleaseId.of("pr-" + id.value())),
                        Generators.sources(),
                        recognised.map(t -> t.atZone(ZoneOffset.UTC).toLocalDate()),
                        Generators.options(recognised))
                .zip(
                        Generators.options(recognised),
                        (record, releasedAt) -> PressRelease.builder(record.id(), record.source(), record.releaseDate())
                                .releaseTimestamp(releasedAt.getOrNull())
                                .ingestedAt(record.ingestedAt().getOrNull())
                                .title(record.title().getOrNull())
                                .parserVersion(record.parserVersion().getOrNull())
                                .schemaVersion(record.schemaVersion().getOrNull())
                                .build());
        qt().withExamples(1_000).forAll(records).checkAssert(record -> {
            StoredRow row = StoredRow.of(record);
            assertThat(CanonicalKeys.check(row)).isEqualTo(CheckedRow.of(record));
            assertThat(CanonicalKeys.check(row).row()).isSameAs(row);
        });
    }

    private static void bothPathsAgree(StoredRow row) {
        Either<String, PressRelease> byRecord = Try.of(row::toWire)
                .toEither()
                .mapLeft(Throwable::getMessage)
                .flatMap(wire -> wire.toPressRelease().mapLeft(Throwable::getMessage));
        Either<String, CheckedRow> byBytes = row.check().mapLeft(Throwable::getMessage);

        assertThat(byBytes.isRight()).as("accepted by the byte path: %s", row).isEqualTo(byRecord.isRight());
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
    }

    /**
     * Feedstore's own rows with their key columns set to values in feedstore's form of the years recognised, then
     * one or two of them pushed to an edge of that form.
     */
    private static Gen<StoredRow> rowsWithEdgyKeys() {
        Gen<PressRelease> records = Generators.pressReleases();
        Gen<String> goodDates = in -> String.format(
                "%04d-%02d-%02d",
                integers()
                        .between(CanonicalKeys.FIRST_YEAR, CanonicalKeys.LAST_YEAR)
                        .generate(in),
                integers().between(1, 12).generate(in),
                integers().between(1, 28).generate(in));
        Gen<String> goodTimes = in -> goodDates.generate(in)
                + String.format(
                        "T%02d:%02d:%02d",
                        integers().between(0, 23).generate(in),
                        integers().between(0, 59).generate(in),
                        integers().between(0, 59).generate(in));
        Gen<String> dates = edgyDates();
        Gen<String> times = edgyTimes();
        Gen<String> fraction = fractions();
        Gen<String> offset = offsets();
        Gen<String> ids = Generate.pick(List.of("pr-1", " pr-2", "\tpr-3", "Åsa–1", "~", "\u007fx", "  ", "株式会社-4"));
        Gen<String> sources = Generate.pick(List.of("rss", "rss", "gmail", "RSS", "a", "-x", "", "news wire"));
        Gen<Integer> column = integers().between(0, 6);
        return in -> {
            StoredRow base = StoredRow.of(records.generate(in));
            byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
            for (int c = 0; c < strings.length; c++) {
                strings[c] = base.value(c);
            }
            strings[3] = utf8(goodDates.generate(in));
            strings[4] = utf8(goodTimes.generate(in) + "Z");
            strings[5] = utf8(goodTimes.generate(in) + fraction.generate(in) + "+00:00");
            for (int edits = 0; edits < 2; edits++) {
                switch (column.generate(in)) {
                    case 0 -> strings[0] = utf8(ids.generate(in));
                    case 1 -> strings[3] = utf8(dates.generate(in));
                    case 2 ->
                        strings[4] = utf8(times.generate(in)
                                + Generate.pick(List.of("Z", "Z", "+00:00", "")).generate(in));
                    case 3 -> strings[5] = utf8(times.generate(in) + fraction.generate(in) + offset.generate(in));
                    case 4 -> strings[8] = utf8(sources.generate(in));
                    case 5 -> strings[5] = null;
                    default -> strings[4] = null;
                }
            }
            return new StoredRow(strings, base.parserVersion(), base.schemaVersion());
        };
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
