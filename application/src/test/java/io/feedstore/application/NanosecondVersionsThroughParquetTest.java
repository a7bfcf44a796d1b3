package io.feedstore.application;

import static io.feedstore.application.Releases.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.PartitionStatus;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.testkit.InMemoryObjectStore;
import io.feedstore.testkit.InMemorySpillSpace;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Versions a nanosecond apart, or at the same instant with different parser versions, written to Parquet files by
 * the real codec: the loader and a consolidation (whose first pass reads only the key columns) both keep the newer
 * one, in the years ingestion really happens and in those where the key cannot be exact.
 */
class NanosecondVersionsThroughParquetTest {

    private static final Partition GMAIL_DAY = new Partition(Source.of("gmail"), LocalDate.of(2025, 1, 15));
    private static final LocalDate DAY = GMAIL_DAY.releaseDate();
    private static final long FIRST_SECOND =
            Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND =
            Instant.parse("9999-12-31T23:59:58Z").getEpochSecond();

    private final RecordCodec codec = new ParquetRecordCodec();

    private static Gen<Instant> instants() {
        Gen<Long> seconds = Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(
                        3,
                        longs().between(
                                        Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                                        Instant.parse("2030-01-01T00:00:00Z").getEpochSecond())),
                org.quicktheories.api.Pair.of(1, longs().between(FIRST_SECOND, LAST_SECOND))));
        return seconds.zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
    }

    private static PressRelease version(Instant ingestedAt, int parser, String title) {
        return PressRelease.builder(PressReleaseId.of("pr-ærø-1"), GMAIL_DAY.source(), DAY)
                .ingestedAt(ingestedAt)
                .parserVersion(parser)
                .title(title)
                .fullText("“Pressmeddelande” – Åsa Lindqvist, Jyväskylä 東京 🚀")
                .build();
    }

    @Test
    void theNewerOfTwoVersionsANanosecondApartWinsBeforeAndAfterConsolidation() {
        qt().withExamples(40)
                .forAll(instants(), booleans().all(), booleans().all())
                .checkAssert((at, newerFirst, oneFile) -> {
                    // The older version has the content that would win a content tie-break.
                    PressRelease older = version(at, 2, "“zzz” – older");
                    PressRelease newer = version(at.plusNanos(1), 1, "“aaa” – newer");
                    assertNewerWins(newerFirst ? List.of(newer, older) : List.of(older, newer), oneFile, newer);
                });
    }

    @Test
    void atTheSameInstantTheHigherParserVersionWinsBeforeAndAfterConsolidation() {
        qt().withExamples(40)
                .forAll(instants(), booleans().all(), booleans().all())
                .checkAssert((at, reparseFirst, oneFile) -> {
                    PressRelease parsed = version(at, 1, "“zzz” – parser 1");
                    PressRelease reparsed = version(at, 2, "“aaa” – parser 2");
                    assertNewerWins(
                            reparseFirst ? List.of(reparsed, parsed) : List.of(parsed, reparsed), oneFile, reparsed);
                });
    }

    private void assertNewerWins(List<PressRelease> versions, boolean oneFile, PressRelease newest) {
        InMemoryObjectStore store = new InMemoryObjectStore();
        if (oneFile) {
            put(store, codec, GMAIL_DAY.prefix().key("part-00000.parquet"), versions);
        } else {
            put(store, codec, GMAIL_DAY.prefix().key("part-00000.parquet"), List.of(versions.get(0)));
            put(store, codec, GMAIL_DAY.prefix().key("part-00001.parquet"), List.of(versions.get(1)));
        }
        LoadPressReleases load = new LoadPressReleases(store, codec);

        assertThat(load.load(DAY, DAY, Option.none())).containsExactly(newest);
        assertThat(new ConsolidatePartitions(store, codec, new InMemorySpillSpace(), ConsolidationSettings.DEFAULT)
                        .consolidate(GMAIL_DAY, RunMode.APPLY)
                        .status())
                .isEqualTo(PartitionStatus.CONSOLIDATED);
        assertThat(load.load(DAY, DAY, Option.none())).containsExactly(newest);
    }
}
