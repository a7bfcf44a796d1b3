package io.feedstore.application;

import static io.feedstore.application.LegacyParquet.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.LegacyParquet.Shape;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.testkit.InMemoryObjectStore;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loader reads the older pipeline's flat folders too, each row in its own partition, newest version winning. */
class LoadFlatFoldersTest {

    private static final LocalDate DAY = LocalDate.of(2025, 8, 18);
    private static final Source GMAIL = Source.of("gmail");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final ParquetRecordCodec codec = new ParquetRecordCodec();
    private final LoadPressReleases load = new LoadPressReleases(store, codec);

    @Test
    void flatRowsAreReturnedInTheirOwnPartitionAndTheNewestIngestedAtWinsAcrossLayouts() {
        flat(
                "part-20250818T091244.parquet",
                Shape.POLARS_PART,
                List.of(
                        gmail("m1", "2025-08-18", "2025-08-18T09:12:44", "Åsa Lindqvist – “först”"),
                        gmail("m2", "2025-08-18", "2025-08-18T09:12:44", "Jyväskylä – “äldre”"),
                        gmail("m3", "2025-08-19", "2025-08-18T09:12:44", "Ærø – “rättad dag”")));
        flat(
                "msgId=m2.parquet",
                Shape.REPAIRED_MSGID,
                List.of(gmail("m2", "2025-08-18", "2025-08-18T10:00:00+00:00", "Jyväskylä – “nyare”")));
        put(
                new Partition(GMAIL, DAY).prefix().key("msgId=m1.parquet"),
                release("m1", DAY, "2025-08-18T11:00:00+00:00", "Åsa Lindqvist – “nyast” 日本"));

        List<PressRelease> loaded = load.load(DAY, DAY.plusDays(1), Option.none());

        assertThat(loaded)
                .extracting(r ->
                        r.id().value() + "@" + r.releaseDate() + ":" + r.title().get())
                .containsExactly(
                        "m1@2025-08-18:Åsa Lindqvist – “nyast” 日本",
                        "m2@2025-08-18:Jyväskylä – “nyare”",
                        "m3@2025-08-19:Ærø – “rättad dag”");
        assertThat(load.load(DAY, DAY.plusDays(1), Option.some(Set.of(GMAIL)))).isEqualTo(loaded);
        assertThat(load.load(DAY, DAY.plusDays(1), Option.some(Set.of(Source.of("rss")))))
                .isEmpty();
        assertThat(load.load(DAY.plusDays(1), DAY.plusDays(1), Option.none()))
                .extracting(r -> r.id().value())
                .containsExactly("m3");
    }

    @Test
    void aRowWithoutAReleaseDateTakesItsFoldersDate() {
        flat("msgId=m4.parquet", Shape.PYARROW_MSGID, List.of(gmail("m4", null, "2025-08-18T09:12:44", "Ærø")));

        assertThat(load.load(DAY, DAY, Option.none()))
                .extracting(PressRelease::releaseDate, r -> WireRecord.of(r).ingestedAt())
                .containsExactly(tuple(DAY, "2025-08-18T09:12:44+00:00"));
    }

    @Test
    void aRowWithoutAValidSourceIsSkippedWithAWarningNamingTheFileAndTheRestOfTheFileLoads() {
        Map<String, Object> noSource = gmail("m5", "2025-08-18", "2025-08-18T09:12:44", "utan källa");
        noSource.remove("source");
        Map<String, Object> badSource = gmail("m6", "2025-08-18", "2025-08-18T09:12:44", "fel källa");
        badSource.put("source", "Gmail/../x");
        ObjectKey file = flat(
                "part-20250818T091244.parquet",
                Shape.POLARS_PART,
                List.of(noSource, gmail("m7", "2025-08-18", "2025-08-18T09:12:44", "Åsa – “ok”"), badSource));

        Loaded loaded = load.loadReadable(DAY, DAY, Option.none());

        assertThat(loaded.releases()).extracting(r -> r.id().value()).containsExactly("m7");
        assertThat(loaded.isComplete()).isTrue();
        assertThat(loaded.unplaceable()).singleElement().satisfies(u -> {
            assertThat(u.file()).isEqualTo(file);
            assertThat(u.rows()).isEqualTo(2);
            assertThat(u.describe()).contains(file.value()).contains("source");
        });
    }

    @Test
    void anUndecodableFlatFileMakesTheAnswerIncompleteAndIsNamed() {
        ObjectKey bad = new FlatFolder(DAY).prefix().key("part-20250818T000000.parquet");
        store.createIfAbsent(bad, new byte[] {'P', 'A', 'R', '1', 0, 1});
        flat("msgId=m8.parquet", Shape.PANDAS, List.of(gmail("m8", "2025-08-18", "2025-08-18T09:12:44", "Ærø")));

        Loaded loaded = load.loadReadable(DAY, DAY, Option.none());

        assertThat(loaded.isComplete()).isFalse();
        assertThat(loaded.problems()).singleElement().asString().contains(bad.value());
        assertThatThrownBy(() -> load.load(DAY, DAY, Option.none())).hasMessageContaining(bad.value());
    }

    @Test
    void flatFoldersMoreThanAWeekAwayFromTheRangeAreNotRead() {
        flat(
                "part-20250818T091244.parquet",
                Shape.POLARS_PART,
                List.of(gmail("m9", "2025-08-18", "2025-08-18T09:12:44", "Ærø")));
        store.createIfAbsent(new FlatFolder(DAY.plusDays(30)).prefix().key("part-x.parquet"), new byte[] {1});

        assertThat(load.load(DAY, DAY, Option.none())).hasSize(1);
    }

    static Map<String, Object> gmail(String id, String date, String ingestedAt, String title) {
        return row(
                "press_release_id",
                id,
                "company_name",
                "",
                "category",
                "Pressmeddelande",
                "release_date",
                date,
                "ingested_at",
                ingestedAt,
                "title",
                title,
                "full_text",
                title + " – Jyväskylä, Ærø, 北欧 🚀",
                "source",
                "gmail",
                "source_url",
                "https://mail.example/" + id,
                "parser_version",
                3L,
                "schema_version",
                2L);
    }

    private ObjectKey flat(String name, Shape shape, List<Map<String, Object>> rows) {
        ObjectKey key = new FlatFolder(DAY).prefix().key(name);
        store.createIfAbsent(key, LegacyParquet.file(shape, rows)).get();
        return key;
    }

    private void put(ObjectKey key, PressRelease release) {
        store.createIfAbsent(key, codec.encode(List.of(release), FileRole.BATCH))
                .get();
    }

    private static PressRelease release(String id, LocalDate date, String ingestedAt, String title) {
        return PressRelease.builder(PressReleaseId.of(id), GMAIL, date)
                .ingestedAt(Instant.parse(ingestedAt.replace("+00:00", "Z")))
                .title(title)
                .build();
    }
}
