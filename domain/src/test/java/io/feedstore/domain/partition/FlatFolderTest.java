package io.feedstore.domain.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
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

    @Test
    void aRowWithoutAReleaseDateTakesTheFoldersDateAndARowWithoutAValidSourceCannotBePlaced() {
        FlatFolder folder = new FlatFolder(LocalDate.of(2025, 8, 18));
        WireRecord undated = new WireRecord(
                "18c1", "", null, null, null, "2025-08-18T09:12:44", "Ærø – “ny”", null, "gmail", null, 3L, 2L);
        WireRecord corrected = new WireRecord(
                "18c2", "", null, "2025-08-19", null, null, "Jyväskylä", null, "gmail", null, null, null);
        WireRecord sourceless = new WireRecord(
                "18c3", "", null, "2025-08-18", null, null, "Åsa Lindqvist", null, null, null, null, null);

        assertThat(folder.place(undated).get().partition())
                .isEqualTo(new Partition(Source.of("gmail"), LocalDate.of(2025, 8, 18)));
        assertThat(folder.place(corrected).get().releaseDate()).isEqualTo(LocalDate.of(2025, 8, 19));
        assertThat(folder.place(sourceless).getLeft().getMessage()).contains("source");
    }
}
