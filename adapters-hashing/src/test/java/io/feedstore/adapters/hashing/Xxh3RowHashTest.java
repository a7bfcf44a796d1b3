package io.feedstore.adapters.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import io.feedstore.domain.consolidation.RowDigest;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.release.StoredRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class Xxh3RowHashTest {

    private static final RowHash HASH = new Xxh3RowHash();

    /** Fragments of the real feed: Nordic letters, typographic punctuation, CJK and emoji, and plain ASCII. */
    private static final String[] FRAGMENTS = {
        "Nordea Bank Abp",
        " – ",
        "“Årsredovisning”",
        "Jyväskylä",
        "Ærø",
        "Søren",
        "’s",
        "北欧の電池工場",
        "🚀",
        "Oy",
        "ö",
        "2025-02-03",
        ""
    };

    /** A text column's bytes: a few fragments, sometimes absent, sometimes empty. */
    private static Gen<byte[]> values() {
        Gen<byte[]> text = integers().between(0, 5).zip(integers().between(0, Integer.MAX_VALUE), (count, seed) -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0, s = seed; i < count; i++, s = s * 31 + 7) {
                b.append(FRAGMENTS[Math.floorMod(s, FRAGMENTS.length)]);
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        });
        return integers().between(0, 5).zip(text, (kind, bytes) -> kind == 0 ? null : bytes);
    }

    private static Gen<Long> versions() {
        return integers().between(0, 3).zip(longs().all(), (kind, v) -> kind == 0 ? null : kind == 1 ? (long) kind : v);
    }

    private static Gen<StoredRow> rows() {
        Gen<byte[]> values = values();
        Gen<byte[][]> columns = random -> {
            byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
            for (int column = 0; column < strings.length; column++) {
                strings[column] = values.generate(random);
            }
            return strings;
        };
        return columns.zip(versions(), versions(), StoredRow::new);
    }

    private static StoredRow copy(StoredRow row) {
        byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
        for (int column = 0; column < strings.length; column++) {
            strings[column] =
                    row.value(column) == null ? null : row.value(column).clone();
        }
        return new StoredRow(strings, row.parserVersion(), row.schemaVersion());
    }

    /** Every way one row can differ from another in one place, or by bytes moved across a column boundary. */
    private static List<StoredRow> changes(StoredRow row, int column) {
        List<StoredRow> changed = new ArrayList<>();
        byte[] value = row.value(column);
        changed.add(with(row, column, value == null ? new byte[0] : null));
        if (value != null && value.length > 0) {
            byte[] flipped = value.clone();
            flipped[flipped.length / 2] ^= 1;
            changed.add(with(row, column, flipped));
            changed.add(with(row, column, Arrays.copyOf(value, value.length - 1)));
            if (column + 1 < StoredRow.STRING_COLUMNS && row.value(column + 1) != null) {
                // The last byte of this column moved to the start of the next: the same bytes in a row.
                byte[] next = row.value(column + 1);
                byte[] longer = new byte[next.length + 1];
                longer[0] = value[value.length - 1];
                System.arraycopy(next, 0, longer, 1, next.length);
                changed.add(with(with(row, column, Arrays.copyOf(value, value.length - 1)), column + 1, longer));
            }
        }
        changed.add(new StoredRow(strings(row), row.parserVersion() == null ? 0L : null, row.schemaVersion()));
        changed.add(new StoredRow(
                strings(row), row.parserVersion(), row.schemaVersion() == null ? 0L : row.schemaVersion() + 1));
        return changed;
    }

    private static byte[][] strings(StoredRow row) {
        byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
        Arrays.setAll(strings, row::value);
        return strings;
    }

    private static StoredRow with(StoredRow row, int column, byte[] value) {
        byte[][] strings = strings(row);
        strings[column] = value;
        return new StoredRow(strings, row.parserVersion(), row.schemaVersion());
    }

    @Test
    void equalRowsHashEquallyAndRowsDifferingInAnyColumnHashDifferently() {
        qt().withExamples(2_000)
                .forAll(rows(), rows(), integers().between(0, StoredRow.STRING_COLUMNS - 1))
                .checkAssert((row, other, column) -> {
                    RowDigest digest = HASH.of(row);
                    assertThat(HASH.of(copy(row))).isEqualTo(digest);
                    assertThat(HASH.of(other).equals(digest)).isEqualTo(other.equals(row));
                    for (StoredRow changed : changes(row, column)) {
                        assertThat(HASH.of(changed)).as("%s", changed).isNotEqualTo(digest);
                    }
                });
    }

    @Test
    void rowsHashedOnManyThreadsAtOnceGetTheDigestsOfOneThread() {
        Random random = new Random(20250203);
        List<StoredRow> rows = IntStream.range(0, 20_000)
                .mapToObj(i -> {
                    byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
                    for (int column = 0; column < strings.length; column++) {
                        strings[column] = random.nextInt(6) == 0
                                ? null
                                : (FRAGMENTS[random.nextInt(FRAGMENTS.length)] + i).getBytes(StandardCharsets.UTF_8);
                    }
                    return new StoredRow(strings, random.nextBoolean() ? null : (long) i, 3L);
                })
                .toList();
        List<RowDigest> alone = rows.stream().map(HASH::of).toList();
        assertThat(rows.parallelStream().map(HASH::of).toList()).isEqualTo(alone);
    }

    @Test
    void theDigestIsXxh3128OfTheDocumentedForm() {
        byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
        strings[0] = "gmail-19a3f".getBytes(StandardCharsets.UTF_8);
        strings[3] = "“Nordea – Årsredovisning” 北欧 🚀".getBytes(StandardCharsets.UTF_8);
        strings[5] = new byte[0];
        StoredRow row = new StoredRow(strings, null, 3L);
        ByteBuffer form = ByteBuffer.allocate(1_000).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] value : strings) {
            if (value == null) {
                form.put((byte) 0);
            } else {
                form.put((byte) 1).putInt(value.length).put(value);
            }
        }
        form.put((byte) 0).put((byte) 1).putLong(3L);

        HashValue128 expected = Hashing.xxh3_128().hashBytesTo128Bits(Arrays.copyOf(form.array(), form.position()));
        assertThat(HASH.of(row))
                .isEqualTo(new RowDigest(expected.getMostSignificantBits(), expected.getLeastSignificantBits()));
    }
}
