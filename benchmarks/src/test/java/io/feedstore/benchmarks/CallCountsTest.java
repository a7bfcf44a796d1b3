package io.feedstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.StorageCalls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallCountsTest {

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '|', textBlock = """
            45 | 9000 | 0    | 0    | 45 list, 9,000 reads
            23 | 915  | 9    | 903  | 23 list, 915 reads, 9 writes, 903 deletes
            0  | 0    | 2010 | 0    | 0 list, 0 reads, 2,010 writes
            1  | 630  | 4    | 0    | 1 list, 630 reads, 4 writes
            """)
    void localCallsReadAsTheResultTablesPrintThem(long lists, long reads, long writes, long deletes, String text) {
        assertThat(CallCounts.local(new StorageCalls(lists, reads, writes, deletes)))
                .isEqualTo(text);
    }
}
