package io.feedstore.bootstrap.cli;

import static io.feedstore.application.LegacyParquet.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedstore.application.LegacyParquet;
import io.feedstore.application.LegacyParquet.Shape;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.bootstrap.wiring.WiredStore;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.gcsserver.GcsTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code feedstore backfill} end to end on the local store and on the GCS test server: a store holding all four
 * layouts for overlapping ids loads the same before and after, keeps only the unplaceable file, and its migration
 * record accounts for every deleted file; running it again changes nothing.
 */
class BackfillCommandTest {

    private static final String BUCKET = "feedstore-backfill";
    private static final LocalDate DAY = LocalDate.of(2024, 11, 4);
    private static GcsTestServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() {
        server = GcsTestServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "gcs"})
    void aStoreOfAllFourLayoutsLoadsTheSameAfterTheBackfillAndOnlyTheUnplaceableFileIsLeft(String kind) {
        Cli cli = cli(kind, "all-four");
        ObjectKey unplaceable = seed(cli);
        Cli.Run loadBefore = cli.run("load", "--from", "2024-11-01", "--to", "2024-11-10");
        assertThat(loadBefore.exitCode()).as(loadBefore.toString()).isZero();
        assertThat(loadBefore.outLines()).hasSize(5);
        Set<ObjectKey> flatBefore = flatKeys(cli);

        Cli.Run dryRun = cli.run("backfill", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(flatKeys(cli)).isEqualTo(flatBefore);

        Cli.Run backfill = cli.run("backfill", "--json", "--parallel", "3");
        assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
        assertThat(backfill.out()).contains("\"compression_ratio\"").contains("UNPLACEABLE");

        Cli.Run loadAfter = cli.run("load", "--from", "2024-11-01", "--to", "2024-11-10");
        assertThat(loadAfter.out()).isEqualTo(loadBefore.out());
        assertThat(flatKeys(cli)).containsExactly(unplaceable);
        assertThat(partitionFiles(cli)).allMatch(k -> k.name().equals(StoreLayout.CONSOLIDATED_NAME));
        Set<ObjectKey> deleted =
                flatBefore.stream().filter(k -> !k.equals(unplaceable)).collect(Collectors.toSet());
        assertThat(recordedFiles(cli)).isEqualTo(deleted);

        List<ObjectInfo> afterOnce = listing(cli);
        Cli.Run again = cli.run("backfill");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(listing(cli)).isEqualTo(afterOnce);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "gcs"})
    void aTruncatedFileFailsItsDateWithExitCode1AndNamesItWhileOtherDatesAreMigrated(String kind) {
        Cli cli = cli(kind, "truncated");
        seed(cli);
        ObjectKey truncated = new FlatFolder(DAY.plusDays(2)).prefix().key("part-20241106T101010.parquet");
        withStore(cli, store -> store.createIfAbsent(truncated, "PAR1 not really".getBytes(StandardCharsets.UTF_8)));

        Cli.Run backfill = cli.run("backfill");

        assertThat(backfill.exitCode()).as(backfill.toString()).isEqualTo(1);
        assertThat(backfill.out()).contains("2024-11-06: FAILED").contains(truncated.value());
        assertThat(backfill.out()).contains("2024-11-04: KEPT_UNPLACEABLE").contains("2024-11-05: MIGRATED");
        assertThat(flatKeys(cli)).contains(truncated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local"})
    void offATerminalProgressIsLoggedAsJsonLinesWithSeverityAndTheFigures(String kind) throws Exception {
        Cli cli = cli(kind, "progress").withVariable("FEEDSTORE_LOG_FORMAT", "json");
        seed(cli);

        Cli.Run run = cli.run("backfill");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> progress = new ArrayList<>();
        for (String line : run.errLines()) {
            JsonNode node = json.readTree(line);
            if (node.has("files_done")) {
                progress.add(node);
            }
        }
        assertThat(progress).isNotEmpty();
        JsonNode last = progress.get(progress.size() - 1);
        assertThat(last.get("severity").asText()).isEqualTo("INFO");
        assertThat(last.get("files_done").asLong())
                .isEqualTo(last.get("files").asLong())
                .isEqualTo(4);
        assertThat(last.get("dates_done").asLong())
                .isEqualTo(last.get("dates").asLong())
                .isEqualTo(2);
        assertThat(last.get("message").asText()).contains("2/2 dates").contains("4/4 files");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local"})
    void aShardOutOfRangeIsRejectedNamingTheInputAndTheRule(String kind) {
        Cli cli = cli(kind, "shard");
        Cli.Run run = cli.run("backfill", "--shard", "4/4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--shard").contains("0 to 3");
        Cli.Run fromEnvironment = cli.withVariable("CLOUD_RUN_TASK_INDEX", "x")
                .withVariable("CLOUD_RUN_TASK_COUNT", "3")
                .run("backfill");
        assertThat(fromEnvironment.exitCode()).isEqualTo(2);
        assertThat(fromEnvironment.err()).contains("CLOUD_RUN_TASK_INDEX").contains("x/3");
    }

    /**
     * Layout 1 and 2 in two flat folders (ids overlapping each other and the source= layouts), layout 3's one-row
     * files in a partition, layout 4 as a pandas consolidated file; one flat file whose row has no source.
     */
    private ObjectKey seed(Cli cli) {
        String day = DAY.toString();
        String next = DAY.plusDays(1).toString();
        Partition gmailDay = new Partition(Source.of("gmail"), DAY);
        Partition rssNext = new Partition(Source.of("rss"), DAY.plusDays(1));
        Map<String, Object> sourceless = release("g9", day, "2024-11-04T09:00:00", "utan källa – “?”");
        sourceless.remove("source");
        ObjectKey unplaceable = new FlatFolder(DAY).prefix().key("msgId=g9.parquet");
        withStore(cli, store -> {
            put(
                    store,
                    new FlatFolder(DAY).prefix().key("part-20241104T091244.parquet"),
                    Shape.POLARS_PART,
                    List.of(
                            release("g1", day, "2024-11-04T09:12:44", "Åsa Lindqvist – “första”"),
                            release("g2", day, "2024-11-04T09:12:44", "Jyväskylä – “äldre” 日本"),
                            release("g3", next, "2024-11-04T09:12:44", "Ærø – “rättad” 🚀")));
            put(
                    store,
                    new FlatFolder(DAY).prefix().key("msgId=g2.parquet"),
                    Shape.REPAIRED_MSGID,
                    List.of(release("g2", day, "2024-11-04T10:00:00+00:00", "Jyväskylä – “nyare”")));
            put(
                    store,
                    new FlatFolder(DAY.plusDays(1)).prefix().key("msgId=g4.parquet"),
                    Shape.PYARROW_MSGID,
                    List.of(release("g4", null, "2024-11-05T07:00:00", "Ærø – “utan datum”")));
            put(store, unplaceable, Shape.PYARROW_MSGID, List.of(sourceless));
            put(
                    store,
                    gmailDay.prefix().key("msgId=g1.parquet"),
                    Shape.PYARROW_MSGID,
                    List.of(release("g1", day, "2024-11-04T11:00:00+00:00", "Åsa Lindqvist – “nyast”")));
            Map<String, Object> rss = release("rss__9f86d081", next, "2024-11-05T06:00:00+00:00", "Ærø – “rss”");
            rss.put("source", "rss");
            put(store, rssNext.prefix().key("9f86d081.parquet"), Shape.PANDAS, List.of(rss));
            put(
                    store,
                    new Partition(Source.of("gmail"), DAY.plusDays(1)).consolidatedKey(),
                    Shape.PANDAS,
                    List.of(release("g3", next, "2024-11-04T08:00:00+00:00", "Ærø – “äldst”")));
        });
        return unplaceable;
    }

    private static Map<String, Object> release(String id, String date, String ingestedAt, String title) {
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
                title + " – Åsa Lindqvist i Jyväskylä och på Ærø",
                "source",
                "gmail",
                "source_url",
                "https://mail.example/" + id,
                "parser_version",
                3L,
                "schema_version",
                2L);
    }

    private static void put(ObjectStore store, ObjectKey key, Shape shape, List<Map<String, Object>> rows) {
        store.createIfAbsent(key, LegacyParquet.file(shape, rows)).get();
    }

    private Cli cli(String kind, String name) {
        if (kind.equals("local")) {
            return new Cli(temp.resolve(name));
        }
        return new Cli(temp.resolve("unused"))
                .withVariable("FEEDSTORE_STORE", "gs://" + BUCKET + "/" + name)
                .withVariable("STORAGE_EMULATOR_HOST", server.endpoint().toString())
                .withVariable("FEEDSTORE_GCS_RETRY_TIMEOUT", "5s")
                .withVariable("FEEDSTORE_GCS_RETRY_DELAY", "50ms");
    }

    private static void withStore(Cli cli, Consumer<ObjectStore> work) {
        Map<String, String> variables = new HashMap<>(cli.variables());
        Settings settings = Settings.resolve(Map.of(), false, variables, Clock.fixed(Cli.NOW, ZoneOffset.UTC));
        try (WiredStore app = WiredStore.wire(settings, true)) {
            work.accept(app.store());
        }
    }

    private static List<ObjectInfo> listing(Cli cli) {
        List<List<ObjectInfo>> listed = new ArrayList<>();
        withStore(cli, store -> listed.add(store.list(KeyPrefix.ROOT).get()));
        return listed.get(0);
    }

    private static Set<ObjectKey> flatKeys(Cli cli) {
        return listing(cli).stream()
                .map(ObjectInfo::key)
                .filter(FlatFolder::isFlatDataFile)
                .collect(Collectors.toSet());
    }

    private static List<ObjectKey> partitionFiles(Cli cli) {
        return listing(cli).stream()
                .map(ObjectInfo::key)
                .filter(k -> Partition.containing(k).isDefined())
                .toList();
    }

    private static Set<ObjectKey> recordedFiles(Cli cli) {
        List<ObjectInfo> records = listing(cli).stream()
                .filter(o -> o.key().value().startsWith("backfill/"))
                .toList();
        Set<ObjectKey> files = new HashSet<>();
        withStore(
                cli,
                store -> records.forEach(record -> Stream.of(
                                new String(store.read(record.key()).get().content(), StandardCharsets.UTF_8)
                                        .split("\n"))
                        .map(line -> line.substring("{\"file\":\"".length(), line.indexOf("\",\"generation\"")))
                        .forEach(key -> files.add(ObjectKey.of(key)))));
        return files;
    }
}
