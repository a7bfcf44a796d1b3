package io.feedstore.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.feedstore.domain.Generators;
import io.vavr.control.Either;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireRecordTest {

    private static final String INGESTED = "ingested_at";

    /** A valid row of the production schema; tests change one column at a time. */
    private static WireRecord row(
            String id,
            String releaseDate,
            String releaseTs,
            String ingestedAt,
            String source,
            Long parserVersion,
            Long schemaVersion) {
        return new WireRecord(
                id,
                "ACME",
                "earnings",
                releaseDate,
                releaseTs,
                ingestedAt,
                "Title",
                "Text",
                source,
                "https://example.com/1",
                parserVersion,
                schemaVersion);
    }

    private static WireRecord valid() {
        return row("pr-1", "2025-01-15", "2025-01-15T10:30:00Z", "2025-01-15T11:00:00+00:00", "rss", 2L, 1L);
    }

    /** {@code base} with one column, named as in the production schema, set to {@code value}. */
    private static WireRecord withColumn(WireRecord base, String column, Object value) {
        int index = WireRecord.COLUMNS.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + WireRecord.COLUMNS);
        }
        RecordComponent[] components = WireRecord.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(base);
                types[i] = components[i].getType();
            }
            values[index] = value;
            return WireRecord.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidPressRelease rejection(WireRecord wire) {
        Either<InvalidPressRelease, PressRelease> result = wire.toPressRelease();
        assertThat(result.isLeft()).as("%s should be rejected", wire).isTrue();
        return result.getLeft();
    }

    private static Instant ingested(String text) {
        return WireRecord.parseInstant(INGESTED, text);
    }

    @Test
    void anyValidRecordSurvivesTypedToWireToTyped() {
        qt().withExamples(2_000)
                .forAll(Generators.pressReleases())
                .checkAssert(r -> assertThat(WireRecord.of(r).toPressRelease()).containsExactly(r));
    }

    @Test
    void theWireFormOfAnyValidRecordIsCanonical() {
        qt().withExamples(1_000).forAll(Generators.pressReleases()).checkAssert(r -> {
            WireRecord wire = WireRecord.of(r);

            assertThat(wire.toPressRelease().map(WireRecord::of)).containsExactly(wire);
            assertThat(wire.ingestedAt() == null || wire.ingestedAt().endsWith("+00:00"))
                    .isTrue();
            assertThat(wire.releaseTsUtc() == null
                            || wire.releaseTsUtc().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"))
                    .as(wire.releaseTsUtc())
                    .isTrue();
            assertThat(wire.releaseDate()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
    }

    @Test
    void aMegabyteTextSurvivesTheWire() {
        String megabyte = "Ünïcødé \uD83D\uDE00 press release. ".repeat(40_000);
        PressRelease r = valid().toPressRelease().get().withTitle(megabyte);

        assertThat(WireRecord.of(r).toPressRelease()).containsExactly(r);
        assertThat(WireRecord.of(r).title()).isEqualTo(megabyte);
    }

    @Test
    void anOffsetTwoHoursEastAtNoonIsOlderThanElevenUtc() {
        Instant noonPlusTwo = ingested("2025-01-15T12:00:00+02:00");
        Instant elevenUtc = ingested("2025-01-15T11:00:00Z");

        assertThat(noonPlusTwo).isEqualTo("2025-01-15T10:00:00Z").isBefore(elevenUtc);
        assertThat("2025-01-15T12:00:00+02:00").isGreaterThan("2025-01-15T11:00:00Z");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2025-01-15T11:00:00Z              | 2025-01-15T11:00:00Z",
                "2025-01-15T11:00:00+00:00         | 2025-01-15T11:00:00Z",
                "2025-01-15T11:00:00-00:00         | 2025-01-15T11:00:00Z",
                "2025-01-15T06:00:00-05:00         | 2025-01-15T11:00:00Z",
                "2025-01-15T16:30:00+05:30         | 2025-01-15T11:00:00Z",
                "2025-01-15 11:00:00+00:00         | 2025-01-15T11:00:00Z",
                "2025-01-15 11:00:00               | 2025-01-15T11:00:00Z",
                "2025-01-15T11:00:00               | 2025-01-15T11:00:00Z",
                "2025-01-15T11:00                  | 2025-01-15T11:00:00Z",
                "2025-01-15t11:00:00z              | 2025-01-15T11:00:00Z",
                "' 2025-01-15T11:00:00Z '          | 2025-01-15T11:00:00Z",
                "2025-01-15T11:00:00.5Z            | 2025-01-15T11:00:00.5Z",
                "2025-01-15T11:00:00.123Z          | 2025-01-15T11:00:00.123Z",
                "2025-01-15T11:00:00.123456+00:00  | 2025-01-15T11:00:00.123456Z",
                "2025-01-15 11:00:00.123456        | 2025-01-15T11:00:00.123456Z",
                "2025-01-15T11:00:00.123456789Z    | 2025-01-15T11:00:00.123456789Z",
                "2025-01-15T13:00:00.000001+02:00  | 2025-01-15T11:00:00.000001Z",
                "0001-01-01T00:00:00Z              | 0001-01-01T00:00:00Z",
                "2024-02-29T23:59:59Z              | 2024-02-29T23:59:59Z"
            })
    void ingestedAtIsReadAsTheInstantItDenotes(String text, String instant) {
        assertThat(ingested(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "2025-01-15",
                "2025-01-15T",
                "20250115T110000Z",
                "2025-13-01T00:00:00Z",
                "2025-02-30T00:00:00Z",
                "2023-02-29T00:00:00Z",
                "2025-01-15T24:00:00Z",
                "2025-01-15T11:60:00Z",
                "2025-01-15T11:00:00+2",
                "2025-01-15T11:00:00 UTC",
                "2025-01-15T11:00:00Z[UTC]",
                "1736938800",
                "2025-01-15X11:00:00Z"
            })
    void anythingElseIsNotATimestamp(String text) {
        WireRecord wire =
                new WireRecord("pr-1", null, null, "2025-01-15", null, text, null, null, "rss", null, null, null);

        InvalidPressRelease e = rejection(wire);

        assertThat(e.field()).isEqualTo(INGESTED);
        assertThat(e.getMessage()).contains("'" + text + "'").contains("ISO-8601");
    }

    @Test
    void aTimestampOutsideTheFourDigitYearsIsRejected() {
        WireRecord wire = new WireRecord(
                "pr-1", null, null, "2025-01-15", "+10000-01-01T00:00:00Z", null, null, null, "rss", null, null, null);

        assertThat(rejection(wire).field()).isEqualTo("release_ts_utc");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2025-01-15T11:00:00Z           | 2025-01-15T11:00:00+00:00",
                "2025-01-15T11:00:00.5Z         | 2025-01-15T11:00:00.5+00:00",
                "2025-01-15T11:00:00.12Z        | 2025-01-15T11:00:00.12+00:00",
                "2025-01-15T11:00:00.120000Z    | 2025-01-15T11:00:00.12+00:00",
                "2025-01-15T11:00:00.123456Z    | 2025-01-15T11:00:00.123456+00:00",
                "2025-01-15T11:00:00.000001Z    | 2025-01-15T11:00:00.000001+00:00",
                "2025-01-15T11:00:00.000000999Z | 2025-01-15T11:00:00.000000999+00:00",
                "2025-01-15T11:00:00.000000001Z | 2025-01-15T11:00:00.000000001+00:00",
                "2025-01-15T11:00:00.123456789Z | 2025-01-15T11:00:00.123456789+00:00",
                "2025-01-15T11:00:00.123456780Z | 2025-01-15T11:00:00.12345678+00:00",
                "2025-01-15T13:00:00.1234567+02:00 | 2025-01-15T11:00:00.1234567+00:00",
                "0001-01-01T00:00:00Z           | 0001-01-01T00:00:00+00:00",
                "0999-06-01T00:00:00.1Z         | 0999-06-01T00:00:00.1+00:00",
                "9999-12-31T23:59:59.999999999Z | 9999-12-31T23:59:59.999999999+00:00"
            })
    void ingestedAtIsWrittenInUtcWithPlusZeroAndTheFractionAsGivenWithoutTrailingZeros(String instant, String text) {
        assertThat(WireRecord.formatIngestedAt(Instant.parse(instant))).isEqualTo(text);
    }

    @Test
    void ingestedAtStringOrderEqualsTimeOrder() {
        qt().withExamples(5_000)
                .forAll(Generators.instants().flatMap(a -> Generators.near(a).map(b -> List.of(a, b))))
                .checkAssert(pair -> {
                    Instant a = pair.get(0);
                    Instant b = pair.get(1);

                    assertThat(Integer.signum(WireRecord.formatIngestedAt(a).compareTo(WireRecord.formatIngestedAt(b))))
                            .as("%s vs %s", a, b)
                            .isEqualTo(Integer.signum(a.compareTo(b)));
                });
    }

    @Test
    void ingestedAtStringOrderEqualsTimeOrderForUnrelatedInstants() {
        qt().withExamples(2_000)
                .forAll(Generators.instants(), Generators.instants())
                .checkAssert((x, y) -> {
                    Instant a = x;
                    Instant b = y;

                    assertThat(Integer.signum(WireRecord.formatIngestedAt(a).compareTo(WireRecord.formatIngestedAt(b))))
                            .isEqualTo(Integer.signum(a.compareTo(b)));
                });
    }

    @Test
    void ingestedAtIsReadBackAsTheInstantItWasWrittenFrom() {
        qt().withExamples(2_000)
                .forAll(Generators.instants())
                .checkAssert(instant -> assertThat(ingested(WireRecord.formatIngestedAt(instant)))
                        .isEqualTo(instant));
    }

    @Test
    void releaseTimestampIsWrittenAsSecondsWithAZ() {
        assertThat(WireRecord.formatReleaseTimestamp(Instant.parse("2025-01-15T10:30:00Z")))
                .isEqualTo("2025-01-15T10:30:00Z");
        assertThat(WireRecord.formatReleaseTimestamp(Instant.parse("2025-01-15T10:30:00.999Z")))
                .isEqualTo("2025-01-15T10:30:00Z");
        assertThat(WireRecord.formatReleaseTimestamp(Instant.parse("0001-01-01T00:00:00Z")))
                .isEqualTo("0001-01-01T00:00:00Z");
        qt().withExamples(1_000).forAll(Generators.instants()).checkAssert(instant -> {
            String text = WireRecord.formatReleaseTimestamp(instant);

            assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
            assertThat(WireRecord.parseInstant("release_ts_utc", text))
                    .isEqualTo(instant.truncatedTo(ChronoUnit.SECONDS));
        });
    }

    @Test
    void releaseDateIsWrittenAsFourDigitYearMonthDay() {
        assertThat(WireRecord.formatDate(LocalDate.of(2025, 1, 5))).isEqualTo("2025-01-05");
        assertThat(WireRecord.formatDate(LocalDate.of(1, 1, 1))).isEqualTo("0001-01-01");
        qt().withExamples(1_000)
                .forAll(Generators.dates())
                .checkAssert(date -> assertThat(WireRecord.parseDate("release_date", WireRecord.formatDate(date)))
                        .isEqualTo(date));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-30",
                "2023-02-29",
                "2025-04-31",
                "2025-13-01",
                "2025-00-10",
                "2025-01-00",
                "2025-1-15",
                "25-01-15",
                "20250115",
                "2025/01/15",
                "2025-01-15T00:00:00",
                " 2025-01-15",
                "",
                "+2025-01-15",
                "12025-01-15",
                "0000-01-01"
            })
    void releaseDatesAreStrict(String text) {
        InvalidPressRelease e = rejection(row("pr-1", text, null, null, "rss", null, null));

        assertThat(e.field()).isEqualTo("release_date");
        assertThat(e.getMessage()).contains("'" + text + "'");
    }

    @Test
    void aLeapDayIsADate() {
        assertThat(row("pr-1", "2024-02-29", null, null, "rss", null, null)
                        .toPressRelease()
                        .map(PressRelease::releaseDate))
                .containsExactly(LocalDate.of(2024, 2, 29));
    }

    @Test
    void int64VersionsOutsideTheInt32RangeAreRejected() {
        for (long outside :
                new long[] {Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(rejection(row("pr-1", "2025-01-15", null, null, "rss", outside, 1L))
                            .field())
                    .isEqualTo("parser_version");
            assertThat(rejection(row("pr-1", "2025-01-15", null, null, "rss", 1L, outside))
                            .field())
                    .isEqualTo("schema_version");
        }
    }

    @Test
    void int64VersionsInsideTheInt32RangeAreAccepted() {
        PressRelease r = row(
                        "pr-1", "2025-01-15", null, null, "rss", (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE)
                .toPressRelease()
                .get();

        assertThat(r.parserVersion()).containsExactly(Integer.MAX_VALUE);
        assertThat(r.schemaVersion()).containsExactly(Integer.MIN_VALUE);
    }

    @Test
    void aMissingRequiredFieldIsRejectedNamingIt() {
        InvalidPressRelease noId = rejection(row(null, "2025-01-15", null, null, "rss", null, null));
        InvalidPressRelease noDate = rejection(row("pr-1", null, null, null, "rss", null, null));
        InvalidPressRelease noSource = rejection(row("pr-1", "2025-01-15", null, null, null, null, null));

        assertThat(noId.field()).isEqualTo("press_release_id");
        assertThat(noId).hasMessage("press_release_id (missing) is required");
        assertThat(noDate.field()).isEqualTo("release_date");
        assertThat(noSource.field()).isEqualTo("source");
    }

    @Test
    void onlyIdReleaseDateAndSourceAreRequired() {
        WireRecord minimal =
                new WireRecord("pr-1", null, null, "2025-01-15", null, null, null, null, "rss", null, null, null);

        assertThat(minimal.toPressRelease())
                .containsExactly(
                        PressRelease.builder(PressReleaseId.of("pr-1"), Source.of("rss"), LocalDate.of(2025, 1, 15))
                                .build());
    }

    @Test
    void anInvalidIdOrSourceIsRejectedNamingIt() {
        assertThat(rejection(row("  ", "2025-01-15", null, null, "rss", null, null))
                        .field())
                .isEqualTo("press_release_id");
        assertThat(rejection(row("pr\uD800", "2025-01-15", null, null, "rss", null, null))
                        .field())
                .isEqualTo("press_release_id");
        assertThat(rejection(row("pr-1", "2025-01-15", null, null, "../x", null, null))
                        .field())
                .isEqualTo("source");
        assertThat(rejection(row("pr-1", "2025-01-15", null, null, "a/b", null, null))
                        .field())
                .isEqualTo("source");
        assertThat(rejection(row("pr-1", "2025-01-15", "soon", null, "rss", null, null))
                        .field())
                .isEqualTo("release_ts_utc");
    }

    @Test
    void aLoneSurrogateInAnyTextColumnIsRejected() {
        WireRecord broken = new WireRecord(
                "pr-1", null, null, "2025-01-15", null, null, "bad \uDC00", null, "rss", null, null, null);

        assertThat(rejection(broken).field()).isEqualTo("title");
    }

    @Test
    void theConversionOfDecodedUtf8GivesTheRecordOrTheRefusalOfTheCheckedConversion() {
        String[] damaged = {"2025-02-30", "2025-01-15 10:30", " ", "“Ærø” – 東京 🚀", null};
        qt().withExamples(2_000)
                .forAll(
                        Generators.pressReleases(),
                        org.quicktheories.generators.SourceDSL.integers().between(0, WireRecord.COLUMNS.size() - 1),
                        org.quicktheories.generators.SourceDSL.integers().between(-2, damaged.length - 1))
                .checkAssert((record, column, damage) -> {
                    WireRecord wire = WireRecord.of(record);
                    if (damage >= 0 && column < 10) {
                        wire = withColumn(wire, WireRecord.COLUMNS.get(column), damaged[damage]);
                    }
                    assertThat(wire.toPressReleaseOfUtf8().mapLeft(Throwable::getMessage))
                            .isEqualTo(wire.toPressRelease().mapLeft(Throwable::getMessage));
                });
    }

    @Test
    void aLoneSurrogateIsRejectedByEveryConstructionAfterAConversionOfDecodedUtf8WhateverItsOutcome() {
        WireRecord broken = new WireRecord(
                "pr-1", null, null, "2025-01-15", null, null, "Åsa – \uDC00", null, "rss", null, null, null);
        assertThat(valid().toPressReleaseOfUtf8().isRight()).isTrue();
        assertThat(rejection(broken).field()).isEqualTo("title");
        assertThat(withColumn(valid(), "release_date", "2025-02-30")
                        .toPressReleaseOfUtf8()
                        .isLeft())
                .isTrue();
        assertThat(rejection(broken).field()).isEqualTo("title");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PressRelease.builder(
                                new PressReleaseId("pr-2"), new Source("rss"), LocalDate.of(2025, 1, 15))
                        .fullText("Jyväskylä “\uD800”")
                        .build())
                .isInstanceOf(InvalidPressRelease.class)
                .hasMessageContaining("full_text");
    }

    @Test
    void theColumnsAreTheProductionSchemaInOrder() {
        assertThat(WireRecord.COLUMNS)
                .containsExactly(
                        "press_release_id",
                        "company_name",
                        "category",
                        "release_date",
                        "release_ts_utc",
                        "ingested_at",
                        "title",
                        "full_text",
                        "source",
                        "source_url",
                        "parser_version",
                        "schema_version");
    }

    @Test
    void eachColumnGetterReadsTheColumnOfTheSameName() {
        WireRecord wire = new WireRecord(
                "press_release_id",
                "company_name",
                "category",
                "release_date",
                "release_ts_utc",
                "ingested_at",
                "title",
                "full_text",
                "source",
                "source_url",
                10L,
                11L);

        List<Object> values =
                WireRecord.columnGetters().stream().map(g -> g.apply(wire)).toList();

        assertThat(values.subList(0, 10)).isEqualTo(List.copyOf(WireRecord.COLUMNS.subList(0, 10)));
        assertThat(values.subList(10, 12)).containsExactly(10L, 11L);
    }

    @Test
    void canonicalOrderCallsTwoRowsEqualOnlyWhenTheyAreIdentical() {
        qt().withExamples(2_000)
                .forAll(Generators.collidingRow(), Generators.collidingRow())
                .checkAssert((a, b) -> {
                    WireRecord x = WireRecord.of(a);
                    WireRecord y = WireRecord.of(b);
                    int xy = WireRecord.CANONICAL_ORDER.compare(x, y);

                    assertThat(xy == 0).isEqualTo(x.equals(y));
                    assertThat(Integer.signum(xy)).isEqualTo(-Integer.signum(WireRecord.CANONICAL_ORDER.compare(y, x)));
                });
    }

    @Test
    void canonicalOrderTellsApartRowsThatDifferInAnySingleColumn() {
        WireRecord base = valid();
        List<WireRecord> variants = List.of(
                withColumn(base, "press_release_id", "pr-2"),
                withColumn(base, "company_name", null),
                withColumn(base, "category", "other"),
                withColumn(base, "release_date", "2025-01-16"),
                withColumn(base, "release_ts_utc", null),
                withColumn(base, "ingested_at", null),
                withColumn(base, "title", ""),
                withColumn(base, "full_text", "Text!"),
                withColumn(base, "source", "gmail"),
                withColumn(base, "source_url", "https://example.com/2"),
                withColumn(base, "parser_version", 3L),
                withColumn(base, "schema_version", null));

        for (WireRecord variant : variants) {
            assertThat(WireRecord.CANONICAL_ORDER.compare(base, variant))
                    .as("%s", variant)
                    .isNotZero();
        }
    }
}
