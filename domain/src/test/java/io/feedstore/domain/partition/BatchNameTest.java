package io.feedstore.domain.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.quicktheories.QuickTheory.qt;

import io.feedstore.domain.Generators;
import io.vavr.control.Option;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchNameTest {

    private static final LocalDateTime AT = LocalDateTime.of(2025, 1, 15, 10, 30, 0);

    @Test
    void theFileNameIsSequenceTimestampAndUniqueSuffix() {
        assertThat(new BatchName(1, AT, "abc123xyz0").fileName())
                .isEqualTo("batch_0001_20250115_103000_abc123xyz0.parquet");
        assertThat(new BatchName(12_345, AT, "abcd").fileName()).isEqualTo("batch_12345_20250115_103000_abcd.parquet");
        assertThat(new BatchName(0, LocalDateTime.of(7, 2, 3, 4, 5, 6), "zzzz").fileName())
                .isEqualTo("batch_0000_00070203_040506_zzzz.parquet");
    }

    @Test
    void fractionsOfASecondAreNotPartOfTheName() {
        assertThat(new BatchName(1, AT.withNano(999_999_999), "abc123xyz0"))
                .isEqualTo(new BatchName(1, AT, "abc123xyz0"));
    }

    @Test
    void parsingAFileNameGivesBackTheBatchNameItCameFrom() {
        qt().withExamples(2_000).forAll(Generators.batchNames()).checkAssert(name -> {
            assertThat(BatchName.parse(name.fileName())).containsExactly(name);
            assertThat(name.fileName()).matches("batch_\\d{4,9}_\\d{8}_\\d{6}_[a-z0-9]{4,32}\\.parquet");
        });
    }

    @Test
    void aWellFormedNameIsParsedIntoItsParts() {
        BatchName name =
                BatchName.parse("batch_0042_20241231_235959_abc123xyz0.parquet").get();

        assertThat(name.sequence()).isEqualTo(42);
        assertThat(name.createdAt()).isEqualTo(LocalDateTime.of(2024, 12, 31, 23, 59, 59));
        assertThat(name.unique()).isEqualTo("abc123xyz0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "batch_001_20250115_103000_abc123xyz0.parquet",
                "batch_0001_20250115_103000.parquet",
                "batch_0001_20250115_103000_.parquet",
                "batch_0001_20250115_103000_abc.parquet",
                "batch_0001_20250115_103000_ABC123xyz0.parquet",
                "batch_0001_20250115_103000_abc-123.parquet",
                "batch_0001_20250115_103000_abc_123.parquet",
                "batch_0001_20250115_103000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.parquet",
                "batch_0001_20250230_103000_abc123xyz0.parquet",
                "batch_0001_20251315_103000_abc123xyz0.parquet",
                "batch_0001_20250115_243000_abc123xyz0.parquet",
                "batch_0001_20250115_106000_abc123xyz0.parquet",
                "batch_0001_2025011_103000_abc123xyz0.parquet",
                "batch_0001_20250115103000_abc123xyz0.parquet",
                "batch_0001_20250115_103000_abc123xyz0.parq",
                "batch_0001_20250115_103000_abc123xyz0.parquet.tmp",
                "xbatch_0001_20250115_103000_abc123xyz0.parquet",
                "Batch_0001_20250115_103000_abc123xyz0.parquet",
                "batch_1234567890_20250115_103000_abc123xyz0.parquet",
                "batch_-001_20250115_103000_abc123xyz0.parquet",
                "batch_0001_20250115_103000_abc123xyz0",
                "consolidated.parquet",
                "part-00000.parquet",
                ""
            })
    void anythingElseIsNotABatchName(String fileName) {
        assertThat(BatchName.parse(fileName)).isEqualTo(Option.none());
    }

    @Test
    void theSequenceIsZeroToNineDigits() {
        assertThat(new BatchName(999_999_999, AT, "abcd").sequence()).isEqualTo(999_999_999);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BatchName(-1, AT, "abcd"))
                .withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> new BatchName(1_000_000_000, AT, "abcd"));
    }

    @Test
    void theUniqueSuffixIsFourToThirtyTwoLowerCaseLettersOrDigits() {
        for (String bad : new String[] {"", "abc", "ABCD", "ab-cd", "ab_cd", "ab.cd", "ab/cd", "a".repeat(33)}) {
            assertThatIllegalArgumentException()
                    .as(bad)
                    .isThrownBy(() -> new BatchName(1, AT, bad))
                    .withMessageContaining("'" + bad + "'");
        }
        assertThat(new BatchName(1, AT, "a".repeat(32)).unique()).hasSize(32);
        assertThatNullPointerException().isThrownBy(() -> new BatchName(1, AT, null));
        assertThatNullPointerException().isThrownBy(() -> new BatchName(1, null, "abcd"));
    }

    @Test
    void randomSuffixesAreValidAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String unique = BatchName.randomUnique();

            assertThat(unique).matches("[a-z0-9]{10}");
            assertThat(new BatchName(1, AT, unique).unique()).isEqualTo(unique);
            assertThat(seen.add(unique)).as("suffix %s repeated", unique).isTrue();
        }
    }
}
