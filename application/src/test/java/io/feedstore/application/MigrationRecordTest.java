package io.feedstore.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.backfill.MigrationEntry;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StorageCalls;
import io.feedstore.testkit.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationRecordTest {

    private static final ObjectKey RECORD = MigrationEntry.recordOf("20250314T080000Z-shard-0-of-4");

    @Test
    void appendsOfOneRunReadTheRecordOnceWhenNobodyElseWritesIt() {
        CountingObjectStore store = new CountingObjectStore(new InMemoryObjectStore());
        MigrationRecord record = new MigrationRecord(store);

        for (int date = 1; date <= 30; date++) {
            assertThat(record.append(RECORD, List.of(entry(date, 1))).isRight()).isTrue();
        }

        StorageCalls calls = store.calls();
        assertThat(calls.writes()).as("one write a date").isEqualTo(30);
        assertThat(calls.reads()).as("only the first append reads the record").isEqualTo(1);
        assertThat(lines(store)).containsExactlyElementsOf(expectedLines(30));
    }

    @Test
    void anAppendAfterSomeoneElsesStillKeepsEveryEntryOfBoth() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        MigrationRecord ours = new MigrationRecord(store);
        MigrationRecord theirs = new MigrationRecord(store);

        ours.append(RECORD, List.of(entry(1, 1)));
        theirs.append(RECORD, List.of(entry(2, 1)));
        ours.append(RECORD, List.of(entry(3, 1)));
        theirs.append(RECORD, List.of(entry(4, 1)));

        assertThat(lines(store)).containsExactlyElementsOf(expectedLines(4));
    }

    @Test
    void anAppendAfterTheRecordWasRemovedStartsItAgain() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        MigrationRecord record = new MigrationRecord(store);
        record.append(RECORD, List.of(entry(1, 1)));
        Generation written = store.read(RECORD).get().generation();
        store.deleteIfUnchanged(RECORD, written);

        assertThat(record.append(RECORD, List.of(entry(2, 1))).isRight()).isTrue();

        assertThat(lines(store)).containsExactly(entry(2, 1).toJsonLine().strip());
    }

    @Test
    void interleavedAppendersOfOneRecordNeverLoseAnEntryAndNeverRepeatOne() {
        qt().withExamples(200)
                .forAll(lists().of(integers().between(0, 2)).ofSizeBetween(1, 40))
                .checkAssert(turns -> {
                    InMemoryObjectStore store = new InMemoryObjectStore();
                    List<MigrationRecord> appenders =
                            List.of(new MigrationRecord(store), new MigrationRecord(store), new MigrationRecord(store));
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < turns.size(); i++) {
                        MigrationEntry entry = entry(i, turns.get(i));
                        assertThat(appenders
                                        .get(turns.get(i))
                                        .append(RECORD, List.of(entry))
                                        .isRight())
                                .isTrue();
                        expected.add(entry.toJsonLine().strip());
                    }
                    assertThat(lines(store)).containsExactlyElementsOf(expected);
                });
    }

    private static List<String> expectedLines(int dates) {
        List<String> lines = new ArrayList<>();
        for (int date = 1; date <= dates; date++) {
            lines.add(entry(date, 1).toJsonLine().strip());
        }
        return lines;
    }

    private static List<String> lines(io.feedstore.domain.store.ObjectStore store) {
        return new String(store.read(RECORD).get().content(), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    /** A flat file retired with no rows (empty files are entered too), named as the feed names them. */
    private static MigrationEntry entry(int n, int appender) {
        return new MigrationEntry(
                ObjectKey.of(
                        "release_date=2025-03-14/Åsa Lindqvist – Jyväskylä “" + n + "” 🐟 " + appender + ".parquet"),
                Generation.of(n + 1L),
                List.of(),
                List.of());
    }
}
