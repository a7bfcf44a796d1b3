package io.feedstore.domain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.Generators;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ObjectKeyTest {

    /** Segments a key may have: no slash, no leading dot, no backslash, no control character. */
    private static Gen<String> segments() {
        return Generators.texts(12)
                .map(s -> s.replaceAll("[/\\\\\\p{Cntrl}\\u0080-\\u009f]", "_"))
                .map(s -> s.isEmpty() || s.startsWith(".") ? "seg" + s : s)
                .mix(Generate.pick(List.of("a", "x.parquet", "source=rss", "a..b", "release_date=2025-01-15")));
    }

    private static Gen<ObjectKey> keys() {
        return lists().of(segments()).ofSizeBetween(1, 6).map(s -> ObjectKey.of(String.join("/", s)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "consolidated.parquet",
                "rejects/ingest_20250115_103000_abc.jsonl",
                "silver_normalized/table=press_releases/source=rss/release_date=2025-01-15/consolidated.parquet",
                "a..b/c..",
                "with space/ünïcødé/\uD83D\uDE00",
                "x.",
                "a/b-c_d=e"
            })
    void relativePathsOfNonEmptyVisibleSegmentsAreKeys(String value) {
        assertThat(ObjectKey.of(value).value()).isEqualTo(value);
        assertThat(ObjectKey.of(value)).hasToString(value);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''              | must not be empty",
                "/abs            | must be relative",
                "/               | must be relative",
                "a//b            | empty segment",
                "a/              | empty segment",
                "..              | starting with '.'",
                "../x            | starting with '.'",
                "a/../b          | starting with '.'",
                "a/..            | starting with '.'",
                "./a             | starting with '.'",
                ".               | starting with '.'",
                "a/.hidden       | starting with '.'",
                ".tmp-123        | starting with '.'",
                "a\\b            | backslash or control character",
                "..\\x           | starting with '.'",
                "x\\..\\y        | backslash or control character"
            })
    void anythingThatCouldEscapeTheRootOrHideIsNotAKey(String value, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObjectKey.of(value))
                .withMessageContaining(reason);
    }

    @Test
    void controlCharactersAreNotKeys() {
        for (String value : new String[] {"a\nb", "a\rb", "a\u0000b", "a\tb", "a\u007fb", "a\u0085b", "\u001b[31m"}) {
            assertThatIllegalArgumentException()
                    .as("%s", value.chars().boxed().toList())
                    .isThrownBy(() -> ObjectKey.of(value))
                    .withMessageContaining("control character");
        }
    }

    @Test
    void aKeyIsAtMostTenTwentyFourBytesOfUtf8() {
        assertThat(ObjectKey.of("a".repeat(1024)).value()).hasSize(1024);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObjectKey.of("a".repeat(1025)))
                .withMessageContaining("longer than 1024 bytes");
        // Bytes, not characters: 512 two-byte characters fit, 513 do not.
        assertThat(ObjectKey.of("é".repeat(512)).value()).hasSize(512);
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKey.of("é".repeat(513)));
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKey.of("\uD83D\uDE00".repeat(257)));
    }

    @Test
    void aMissingKeyIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> ObjectKey.of(null)).withMessage("key");
    }

    @Test
    void nameIsTheLastSegmentAndParentTheFolderItSitsIn() {
        ObjectKey key = ObjectKey.of("a/b/c.parquet");

        assertThat(key.name()).isEqualTo("c.parquet");
        assertThat(key.parent()).isEqualTo(KeyPrefix.of("a/b/"));
        assertThat(ObjectKey.of("top").name()).isEqualTo("top");
        assertThat(ObjectKey.of("top").parent()).isEqualTo(KeyPrefix.ROOT);
    }

    @Test
    void everyKeyIsItsParentPlusItsName() {
        qt().withExamples(1_000).forAll(keys()).checkAssert(key -> {
            assertThat(key.parent().key(key.name())).isEqualTo(key);
            assertThat(key.name()).isNotEmpty().doesNotContain("/").doesNotStartWith(".");
            assertThat(key.startsWith(key.parent())).isTrue();
            assertThat(key.startsWith(KeyPrefix.ROOT)).isTrue();
        });
    }

    @Test
    void noKeyClimbsOutOfTheRoot() {
        qt().withExamples(1_000).forAll(keys()).checkAssert(key -> {
            assertThat(key.value()).doesNotStartWith("/");
            assertThat(List.of(key.value().split("/", -1)))
                    .noneMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."));
        });
    }

    @Test
    void keysOrderByTheirText() {
        assertThat(ObjectKey.of("a/b")).isLessThan(ObjectKey.of("a/c"));
        assertThat(ObjectKey.of("p/batch_0001_x")).isLessThan(ObjectKey.of("p/consolidated.parquet"));
    }

    @Test
    void startsWithComparesWholePrefixes() {
        ObjectKey key = ObjectKey.of("silver/source=rss/x.parquet");

        assertThat(key.startsWith(KeyPrefix.of("silver/"))).isTrue();
        assertThat(key.startsWith(KeyPrefix.of("silver/source=rss/"))).isTrue();
        assertThat(key.startsWith(KeyPrefix.of("silver/source=rs/"))).isFalse();
        assertThat(key.startsWith(KeyPrefix.of("bronze/"))).isFalse();
    }
}
