package io.feedstore.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.domain.codec.Compression;
import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedstoreModuleTest {

    private static RecordCodec wiredCodec(Map<String, String> environment) {
        Settings settings = Settings.resolve(Map.of(), false, environment, Clock.systemUTC());
        return Guice.createInjector(new FeedstoreModule(settings, false)).getInstance(RecordCodec.class);
    }

    @Test
    void byDefaultABatchIsSnappyAndTheConsolidatedFileIsZstdNineInRowGroupsOfTenThousand() {
        ParquetRecordCodec codec = (ParquetRecordCodec) wiredCodec(Map.of());

        assertThat(codec.encoding(FileRole.BATCH)).isEqualTo(new EncodingOptions(Compression.SNAPPY, 0, 10_000));
        assertThat(codec.encoding(FileRole.CONSOLIDATED)).isEqualTo(new EncodingOptions(Compression.ZSTD, 9, 10_000));
    }

    @Test
    void theSettingsDecideHowEachFileRoleIsEncoded() {
        ParquetRecordCodec codec = (ParquetRecordCodec) wiredCodec(Map.of(
                "FEEDSTORE_COMPRESSION", "gzip",
                "FEEDSTORE_BATCH_COMPRESSION", "ZSTD",
                "FEEDSTORE_ROW_GROUP_ROWS", "500"));

        assertThat(codec.encoding(FileRole.BATCH)).isEqualTo(new EncodingOptions(Compression.ZSTD, 3, 500));
        assertThat(codec.encoding(FileRole.CONSOLIDATED)).isEqualTo(new EncodingOptions(Compression.GZIP, 6, 500));
    }
}
