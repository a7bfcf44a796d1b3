package io.feedstore.domain.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.ObjectKey;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FlatFolderTest {

    private static final String TABLE = StoreLayout.TABLE.value();

    @Test
    void aFileDirectlyInAFlatDateFolderBelongsToThatFolder() {
        assertThat(FlatFolder.containing(ObjectKey.of(TABLE + "release_date=2025-08-18/part-20250818T091244.parquet")))
                .containsExactly(new FlatFolder(LocalDate.of(2025, 8, 18)));
        assertThat(FlatFolder.isFlatDataFile(
                        ObjectKey.of(TABLE + "release_date=2025-08-18/msgId=18c1f2a3b4d5e6f7.parquet")))
                .isTrue();
    }

    @Test
    void partitionFilesDeeperFilesImpossibleDatesAndNonParquetAreNotFlatDataFiles() {
        assertThat(FlatFolder.containing(ObjectKey.of(TABLE + "source=gmail/release_date=2025-08-18/a.parquet")))
                .isEmpty();
        assertThat(FlatFolder.containing(ObjectKey.of(TABLE + "release_date=2025-08-18/x/a.parquet")))
                .isEmpty();
        assertThat(FlatFolder.containing(ObjectKey.of(TABLE + "release_date=2025-02-30/a.parquet")))
                .isEmpty();
        assertThat(FlatFolder.isFlatDataFile(ObjectKey.of(TABLE + "release_date=2025-08-18/_SUCCESS")))
                .isFalse();
    }

    @Test
    void theFolderPrefixIsTheTableFolderOfItsDate() {
        assertThat(new FlatFolder(LocalDate.of(2025, 8, 18)).prefix().value())
                .isEqualTo(TABLE + "release_date=2025-08-18/");
    }
}
