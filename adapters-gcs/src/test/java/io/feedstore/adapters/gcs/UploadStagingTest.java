package io.feedstore.adapters.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.WriteCondition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local staging files of uploads that a killed process left are removed by the next run's first staged
 * upload and counted; those of live processes, young ones and other files stay; nothing is left in the bucket.
 */
class UploadStagingTest {

    @TempDir
    Path staging;

    @Test
    void stagingFilesOfDeadProcessesAreRemovedByTheFirstStagedUploadAndCountedAndLiveOnesStay() throws Exception {
        long dead = deadProcessId();
        Path abandoned = file(UploadStaging.PREFIX + dead + "-123456789.tmp", Duration.ofMinutes(5));
        Path youngOfDead = file(UploadStaging.PREFIX + dead + "-987654321.tmp", Duration.ZERO);
        Path live = file(UploadStaging.PREFIX + ProcessHandle.current().pid() + "-55.tmp", Duration.ofHours(5));
        Path olderVersion = file(UploadStaging.PREFIX + "4242.tmp", Duration.ofHours(2));
        Path recentOlderVersion = file(UploadStaging.PREFIX + "4343.tmp", Duration.ofMinutes(5));
        Path notOurs = file("Åsa Lindqvist – “draft”.tmp", Duration.ofDays(3));

        try (GcsFixture gcs = new GcsFixture(1000)) {
            GcsStore store = new GcsObjectStore(
                    GcsObjectStores.client(gcs.settings()), GcsLocation.parse(gcs.uniqueStoreUri()), 4, staging);
            ObjectKey key = ObjectKey.of("source=rss/release_date=2025-01-14/Jyväskylä – 東京 🦌.parquet");

            assertThat(store.write(key, WriteCondition.ifAbsent(), out -> out.write(bytes("Ærø – “x”")))
                            .isRight())
                    .isTrue();
            assertThat(store.write(ObjectKey.of("second.bin"), WriteCondition.ifAbsent(), out -> out.write(bytes("y")))
                            .isRight())
                    .isTrue();

            assertThat(abandoned).doesNotExist();
            assertThat(olderVersion).doesNotExist();
            assertThat(store.abandonedTemporariesRemoved()).isEqualTo(2);
            assertThat(List.of(youngOfDead, live, recentOlderVersion, notOurs)).allMatch(Files::exists);
            assertThat(filesIn(staging)).containsExactlyInAnyOrder(youngOfDead, live, recentOlderVersion, notOurs);
            assertThat(store.list(KeyPrefix.ROOT).get())
                    .extracting(info -> info.key().value())
                    .containsExactlyInAnyOrder(key.value(), "second.bin");
            store.close();
        }
    }

    @Test
    void aStagedUploadThatFailsLeavesNoStagingFile() throws Exception {
        try (GcsFixture gcs = new GcsFixture(1000)) {
            GcsStore store = new GcsObjectStore(
                    GcsObjectStores.client(gcs.settings()), GcsLocation.parse(gcs.uniqueStoreUri()), 4, staging);

            assertThat(store.write(ObjectKey.of("a.bin"), WriteCondition.ifAbsent(), out -> {
                                out.write(bytes("half – "));
                                throw new java.io.IOException("the producer failed");
                            })
                            .isLeft())
                    .isTrue();

            assertThat(filesIn(staging)).isEmpty();
            store.close();
        }
    }

    private Path file(String name, Duration age) throws Exception {
        Path file = Files.writeString(staging.resolve(name), "staged – “content”");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        return process.pid();
    }

    private static List<Path> filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
