package io.feedstore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.ingestion.IngestionJob;
import io.feedstore.application.BatchWriter;
import io.feedstore.bootstrap.cli.Cli;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.gcsserver.GcsTestServer;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Feedstore}, the library entry point: wired as the command line is, and the README's example runs. */
class FeedstoreLibraryTest {

    private static final Path EXAMPLE = Path.of("src/test/java/com/example/ingestion/IngestionJob.java");

    @TempDir
    Path temp;

    @Test
    void theReadmeExampleRunsAndWhatItStoresIsWhatTheCommandLineLoads() {
        URI store = temp.resolve("store").toUri();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            IngestionJob.main(new String[] {store.toString()});
        } finally {
            System.setOut(stdout);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("3 press releases of 2025-01-14 in ");
        Cli.Run load = new Cli(temp.resolve("store")).run("load", "--from", "2025-01-14", "--to", "2025-01-14");
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.outLines()).hasSize(3).allMatch(l -> l.contains("\"company_name\":\"Contoso\""));
    }

    @Test
    void theReadmeShowsTheExampleVerbatim() throws IOException {
        String example = Files.readString(EXAMPLE);
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + example + "```\n");
    }

    @Test
    void theLibraryUsesTheSettingsOfTheEnvironmentItIsGiven() {
        PressRelease release = PressRelease.builder(
                        PressReleaseId.of("a"), Source.of("gmail"), LocalDate.parse("2025-01-14"))
                .ingestedAt(Instant.parse("2025-01-14T10:00:00Z"))
                .build();
        try (Feedstore feedstore = Feedstore.open(temp.resolve("store").toUri(), Map.of("FEEDSTORE_BATCH_SIZE", "1"))) {
            BatchWriter writer = feedstore.batchWriter();
            writer.add(release);
            // A batch size of one writes at once, without waiting for close().
            assertThat(writer.writtenBatches()).hasSize(1);
            writer.close();
            assertThat(feedstore.loader().load(release.releaseDate(), release.releaseDate(), Option.none()))
                    .containsExactly(release);
        }
    }

    @Test
    void aBadSettingIsAnIllegalArgumentNamingItAndItsAcceptedValues() {
        assertThatThrownBy(() -> Feedstore.open(temp.resolve("store").toUri(), Map.of("FEEDSTORE_COMPRESSION", "lz4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FEEDSTORE_COMPRESSION 'lz4' is not accepted: use zstd, gzip, snappy or uncompressed");
        assertThatThrownBy(() -> Feedstore.open(URI.create("s3://bucket/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the scheme 's3:' is unknown");
    }

    @Test
    void onGcsTheLibraryWritesWhatTheCommandLineReads() {
        try (GcsTestServer server = GcsTestServer.start()) {
            server.createBucket("library-bucket");
            Map<String, String> environment =
                    Map.of("STORAGE_EMULATOR_HOST", server.endpoint().toString());
            PressRelease release = PressRelease.builder(
                            PressReleaseId.of("g1"), Source.of("gmail"), LocalDate.parse("2025-01-14"))
                    .title("On GCS")
                    .build();
            try (Feedstore feedstore = Feedstore.open(URI.create("gs://library-bucket/lib"), environment);
                    BatchWriter writer = feedstore.batchWriter()) {
                assertThat(feedstore.describe()).isEqualTo("gs://library-bucket/lib");
                writer.add(release);
            }

            Cli.Run load = new Cli(temp)
                    .withVariable("FEEDSTORE_STORE", "gs://library-bucket/lib")
                    .withVariable("STORAGE_EMULATOR_HOST", server.endpoint().toString())
                    .run("load", "--from", "2025-01-14", "--to", "2025-01-14");
            assertThat(load.exitCode()).as(load.toString()).isZero();
            assertThat(load.out()).contains("\"press_release_id\":\"g1\"", "\"title\":\"On GCS\"");
        }
    }
}
