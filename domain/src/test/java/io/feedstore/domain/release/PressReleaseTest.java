package io.feedstore.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import io.feedstore.domain.Generators;
import io.feedstore.domain.partition.Partition;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PressReleaseTest {

    private static final PressReleaseId ID = PressReleaseId.of("pr-1");
    private static final Source RSS = Source.of("rss");
    private static final LocalDate DAY = LocalDate.of(2025, 1, 15);

    private static PressRelease.Builder minimal() {
        return PressRelease.builder(ID, RSS, DAY);
    }

    @Test
    void releaseTimestampIsKeptToWholeSecondsAsTheWireCarriesIt() {
        PressRelease r = minimal()
                .releaseTimestamp(Instant.parse("2025-01-15T10:30:00.987654321Z"))
                .build();

        assertThat(r.releaseTimestamp()).containsExactly(Instant.parse("2025-01-15T10:30:00Z"));
    }

    @Test
    void ingestedAtKeepsTheNanosecondsTheProducerGave() {
        PressRelease r = minimal()
                .ingestedAt(Instant.parse("2025-01-15T10:30:00.123456789Z"))
                .build();

        assertThat(r.ingestedAt()).containsExactly(Instant.parse("2025-01-15T10:30:00.123456789Z"));
        assertThat(r.withIngestedAt(Instant.parse("2025-01-15T10:30:00.000000999Z"))
                        .ingestedAt())
                .containsExactly(Instant.parse("2025-01-15T10:30:00.000000999Z"));
    }

    @Test
    void releaseTimestampsAreCutToSecondsAndIngestedAtIsKeptAsGiven() {
        qt().withExamples(1_000).forAll(Generators.instants()).checkAssert(instant -> {
            PressRelease r =
                    minimal().releaseTimestamp(instant).ingestedAt(instant).build();

            assertThat(r.releaseTimestamp().get())
                    .isBeforeOrEqualTo(instant)
                    .isAfter(instant.minusSeconds(1))
                    .isEqualTo(instant.truncatedTo(ChronoUnit.SECONDS));
            assertThat(r.ingestedAt().get()).isEqualTo(instant);
        });
    }

    @Test
    void recordsThatDifferOnlyBelowTheWirePrecisionAreEqual() {
        Instant at = Instant.parse("2025-01-15T10:30:00.123456Z");

        assertThat(minimal().ingestedAt(at).releaseTimestamp(at).build())
                .isEqualTo(minimal()
                        .ingestedAt(at)
                        .releaseTimestamp(at.plusMillis(500))
                        .build());
        assertThat(minimal().ingestedAt(at.plusNanos(1)).build())
                .isNotEqualTo(minimal().ingestedAt(at).build());
    }

    @Test
    void theIngestedKeyNeverOrdersTwoInstantsAgainstTheirOrderInAnyYear() {
        qt().withExamples(3_000)
                .forAll(Generators.instants().flatMap(a -> Generators.near(a).map(b -> List.of(a, b))))
                .checkAssert(pair -> {
                    long a = PressRelease.ingestedAtKey(pair.get(0));
                    long b = PressRelease.ingestedAtKey(pair.get(1));

                    assertThat(a).isNotEqualTo(PressRelease.NOT_INGESTED);
                    if (a != b) {
                        assertThat(Long.signum(Long.compare(a, b)))
                                .isEqualTo(Integer.signum(pair.get(0).compareTo(pair.get(1))));
                    }
                });
        Instant modern = Instant.parse("2025-01-15T10:00:00.000000001Z");
        assertThat(PressRelease.ingestedAtKey(modern.plusNanos(1)) - PressRelease.ingestedAtKey(modern))
                .as("exact to the nanosecond in the years ingestion really happens")
                .isEqualTo(1);
    }

    @Test
    void releaseDatesFromYearOneToYearNineThousandNineHundredNinetyNineAreAccepted() {
        assertThat(PressRelease.builder(ID, RSS, LocalDate.of(1, 1, 1)).build().releaseDate())
                .isEqualTo("0001-01-01");
        assertThat(PressRelease.builder(ID, RSS, LocalDate.of(9999, 12, 31))
                        .build()
                        .releaseDate())
                .isEqualTo("9999-12-31");
    }

    @Test
    void releaseDatesTheWireCannotWriteInFourDigitsAreRejected() {
        for (LocalDate outside :
                new LocalDate[] {LocalDate.of(0, 12, 31), LocalDate.of(10_000, 1, 1), LocalDate.MIN, LocalDate.MAX}) {
            InvalidPressRelease e = catchThrowableOfType(
                    InvalidPressRelease.class,
                    () -> PressRelease.builder(ID, RSS, outside).build());

            assertThat(e).as("%s", outside).isNotNull();
            assertThat(e.field()).isEqualTo("release_date");
        }
    }

    @Test
    void instantsOutsideYearsOneToNineThousandNineHundredNinetyNineAreRejectedNamingTheField() {
        Instant first = Instant.parse("0001-01-01T00:00:00Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");

        assertThat(minimal().releaseTimestamp(first).ingestedAt(last).build().ingestedAt())
                .containsExactly(last);
        assertThat(minimal().releaseTimestamp(last).ingestedAt(first).build().releaseTimestamp())
                .containsExactly(Instant.parse("9999-12-31T23:59:59Z"));
        for (Instant outside : new Instant[] {first.minusNanos(1), last.plusNanos(1), Instant.MIN, Instant.MAX}) {
            assertThat(catchThrowableOfType(
                                    InvalidPressRelease.class,
                                    () -> minimal().releaseTimestamp(outside).build())
                            .field())
                    .isEqualTo("release_ts_utc");
            assertThat(catchThrowableOfType(
                                    InvalidPressRelease.class,
                                    () -> minimal().ingestedAt(outside).build())
                            .field())
                    .isEqualTo("ingested_at");
        }
    }

    static Stream<Arguments> textFields() {
        return Stream.of(
                Arguments.of("company_name", (Function<String, PressRelease>)
                        v -> minimal().companyName(v).build()),
                Arguments.of("category", (Function<String, PressRelease>)
                        v -> minimal().category(v).build()),
                Arguments.of("title", (Function<String, PressRelease>)
                        v -> minimal().title(v).build()),
                Arguments.of("full_text", (Function<String, PressRelease>)
                        v -> minimal().fullText(v).build()),
                Arguments.of("source_url", (Function<String, PressRelease>)
                        v -> minimal().sourceUrl(v).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void aTextWithALoneSurrogateIsRejectedNamingTheField(String field, Function<String, PressRelease> withText) {
        for (String broken : new String[] {"\uD800", "ok \uDC00", "\uDE00\uD83D", "end\uD83D"}) {
            InvalidPressRelease e = catchThrowableOfType(InvalidPressRelease.class, () -> withText.apply(broken));

            assertThat(e).as("%s", broken).isNotNull();
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).contains("unpaired surrogate");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void emptyTextAndSupplementaryCharactersAreKeptAsGiven(String field, Function<String, PressRelease> withText) {
        for (String text : new String[] {"", " ", "\uD83D\uDE00 ünïcødé \u0000", "line\nbreak"}) {
            PressRelease r = withText.apply(text);

            assertThat(WireRecord.of(r).toString()).contains(text);
            assertThat(WireRecord.of(r).toPressRelease()).containsExactly(r);
        }
    }

    @Test
    void anEmptyTextIsNotAMissingText() {
        assertThat(minimal().title("").build()).isNotEqualTo(minimal().build());
        assertThat(minimal().title("").build().title()).containsExactly("");
    }

    @Test
    void requiredFieldsCannotBeMissing() {
        assertThatNullPointerException()
                .isThrownBy(() -> PressRelease.builder(null, RSS, DAY).build())
                .withMessage("press_release_id");
        assertThatNullPointerException()
                .isThrownBy(() -> PressRelease.builder(ID, null, DAY).build())
                .withMessage("source");
        assertThatNullPointerException()
                .isThrownBy(() -> PressRelease.builder(ID, RSS, null).build())
                .withMessage("release_date");
    }

    @Test
    void optionalFieldsAreOptionsNeverNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> new PressRelease(
                        ID,
                        null,
                        Option.none(),
                        DAY,
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        RSS,
                        Option.none(),
                        Option.none(),
                        Option.none()))
                .withMessage("company_name");
        assertThatNullPointerException()
                .isThrownBy(() -> new PressRelease(
                        ID,
                        Option.none(),
                        Option.none(),
                        DAY,
                        Option.none(),
                        null,
                        Option.none(),
                        Option.none(),
                        RSS,
                        Option.none(),
                        Option.none(),
                        Option.none()))
                .withMessage("ingested_at");
        assertThatNullPointerException()
                .isThrownBy(() -> new PressRelease(
                        ID,
                        Option.none(),
                        Option.none(),
                        DAY,
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        RSS,
                        Option.none(),
                        Option.none(),
                        null))
                .withMessage("schema_version");
    }

    @Test
    void aRecordBelongsToThePartitionOfItsSourceAndReleaseDate() {
        qt().withExamples(300)
                .forAll(Generators.pressReleases())
                .checkAssert(r -> assertThat(r.partition()).isEqualTo(new Partition(r.source(), r.releaseDate())));
    }

    @Test
    void withersChangeOnlyTheirField() {
        qt().withExamples(300)
                .forAll(Generators.pressReleases(), Generators.instants())
                .checkAssert((r, at) -> {
                    PressRelease later = r.withIngestedAt(at).withTitle("new title");

                    assertThat(later.ingestedAt()).containsExactly(at);
                    assertThat(later.title()).containsExactly("new title");
                    assertThat(later.withIngestedAt(r.ingestedAt().getOrNull())
                                    .withTitle(r.title().getOrNull()))
                            .isEqualTo(r);
                });
    }

    @Test
    void aMissingIngestedAtIsOlderThanAnyPresentOne() {
        PressRelease none = minimal().build();
        PressRelease earliest =
                minimal().ingestedAt(Instant.parse("0001-01-01T00:00:00Z")).build();

        assertThat(PressRelease.NEWEST_LAST.compare(none, earliest)).isNegative();
        assertThat(PressRelease.NEWEST_LAST.compare(earliest, none)).isPositive();
    }

    @Test
    void newestLastComparesInstantsNotTheirText() {
        PressRelease tenUtc = minimal()
                .ingestedAt(WireRecord.parseInstant("ingested_at", "2025-01-15T12:00:00+02:00"))
                .build();
        PressRelease elevenUtc = minimal()
                .ingestedAt(WireRecord.parseInstant("ingested_at", "2025-01-15T11:00:00Z"))
                .build();

        assertThat(PressRelease.NEWEST_LAST.compare(tenUtc, elevenUtc)).isNegative();
    }

    @Test
    void newestLastIsATotalOrderConsistentWithEquals() {
        qt().withExamples(1_000)
                .forAll(Generators.collidingRow(), Generators.collidingRow())
                .checkAssert((a, b) -> {
                    int ab = PressRelease.NEWEST_LAST.compare(a, b);

                    assertThat(Integer.signum(ab)).isEqualTo(-Integer.signum(PressRelease.NEWEST_LAST.compare(b, a)));
                    assertThat(ab == 0).isEqualTo(a.equals(b));
                });
    }

    @Test
    void theIngestedKeyFromTheWireValueIsTheKeyOfTheRecordBuiltFromIt() {
        qt().withExamples(500).forAll(Generators.pressReleases()).checkAssert(r -> {
            String wire = WireRecord.of(r).ingestedAt();
            if (wire == null) {
                assertThat(r.ingestedAtKey()).isEqualTo(PressRelease.NOT_INGESTED);
            } else {
                assertThat(PressRelease.ingestedAtKey(WireRecord.parseInstant(WireRecord.INGESTED_AT, wire)))
                        .isEqualTo(r.ingestedAtKey());
            }
        });
        Instant nanos = Instant.parse("2025-01-15T10:00:00.123456789Z");
        assertThat(PressRelease.ingestedAtKey(nanos))
                .isEqualTo(PressRelease.builder(PressReleaseId.of("x"), Source.of("rss"), LocalDate.of(2025, 1, 15))
                        .ingestedAt(nanos)
                        .build()
                        .ingestedAtKey());
        assertThat(catchThrowableOfType(
                        () -> PressRelease.ingestedAtKey(Instant.parse("+10000-01-01T00:00:00Z")),
                        InvalidPressRelease.class))
                .hasMessageContaining("ingested_at");
    }
}
