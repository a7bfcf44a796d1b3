package io.feedstore.adapters.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.release.PressRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The batch writer encodes from several threads; one codec instance must serve them all. */
class ConcurrencyTest {

    @Test
    void oneCodecEncodesAndDecodesCorrectlyFromSeveralThreadsAtOnce() throws Exception {
        ParquetRecordCodec codec = new ParquetRecordCodec();
        List<PressRelease> records = EncodingTest.releases(300);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<PressRelease>>> results = new ArrayList<>();
            for (int task = 0; task < 24; task++) {
                Compression compression = Compression.values()[task % Compression.values().length];
                // Different ZSTD levels at once: the level must not leak from one writer into another.
                EncodingOptions options = compression == Compression.ZSTD
                        ? new EncodingOptions(compression, 1 + task % 9, 50)
                        : RoundTripPropertiesTest.options(compression, 50);
                List<PressRelease> slice = records.subList(task, records.size() - task);
                results.add(threads.submit(
                        () -> codec.decode(codec.encode(slice, options)).get()));
            }
            for (int task = 0; task < results.size(); task++) {
                assertThat(results.get(task).get()).isEqualTo(records.subList(task, records.size() - task));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
