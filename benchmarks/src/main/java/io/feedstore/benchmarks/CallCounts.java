package io.feedstore.benchmarks;

import io.feedstore.domain.store.StorageCalls;
import io.feedstore.gcsserver.Operation;
import io.feedstore.gcsserver.RequestStats;

/** The storage calls a timed run made, in the words the result tables use for every case. */
final class CallCounts {

    private CallCounts() {}

    /** Counted by the application's decorator: "1 list, 630 reads, 4 writes"; writes and deletes only where made. */
    static String local(StorageCalls calls) {
        return Report.count(calls.lists()) + " list, " + Report.count(calls.reads()) + " reads"
                + (calls.writes() > 0 ? ", " + Report.count(calls.writes()) + " writes" : "")
                + (calls.deletes() > 0 ? ", " + Report.count(calls.deletes()) + " deletes" : "");
    }

    /**
     * Counted by the emulator: "23 list pages, 2,741 downloads, 915 metadata, 918 writes and deletes", the last
     * being every other request under the name {@code others} the case gives them.
     */
    static String gcs(RequestStats stats, String others) {
        long list = stats.count(Operation.LIST);
        long downloads = stats.count(Operation.DOWNLOAD);
        long metadata = stats.count(Operation.METADATA);
        return Report.count(list) + " list pages, " + Report.count(downloads) + " downloads, "
                + Report.count(metadata) + " metadata, " + Report.count(stats.total() - list - downloads - metadata)
                + " " + others;
    }
}
