package io.feedstore.bootstrap.cli;

import io.feedstore.application.BackfillHistory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a backfill is: off a terminal (Cloud Run) one log line every few seconds, with the figures as fields
 * (JSON with a severity when JSON logs are on).
 */
class BackfillProgress implements BackfillHistory.Progress, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillProgress.class);
    static final Duration EVERY = Duration.ofSeconds(5);

    private final long started = System.nanoTime();
    private long lastLine = started;
    int dates;
    long files;
    long bytes;
    int datesDone;
    long filesDone;
    long bytesDone;

    static BackfillProgress forThisProcess() {
        return new BackfillProgress();
    }

    @Override
    public void planned(int dates, long files, long bytes) {
        this.dates = dates;
        this.files = files;
        this.bytes = bytes;
        line();
    }

    @Override
    public void fileRead(long size) {
        filesDone++;
        bytesDone += size;
        if (System.nanoTime() - lastLine >= EVERY.toNanos()) {
            line();
        }
    }

    @Override
    public void dateDone(LocalDate date) {
        datesDone++;
        if (System.nanoTime() - lastLine >= EVERY.toNanos()) {
            line();
        }
    }

    @Override
    public void close() {
        line();
    }

    /** Bytes per second so far, and the seconds left at that rate (-1 when unknown). */
    long[] rateAndEta() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long rate = (long) (bytesDone / seconds);
        long eta = rate > 0 ? (bytes - bytesDone) / rate : -1;
        return new long[] {rate, eta};
    }

    private void line() {
        lastLine = System.nanoTime();
        long[] rateAndEta = rateAndEta();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dates_done", datesDone);
        fields.put("dates", dates);
        fields.put("files_done", filesDone);
        fields.put("files", files);
        fields.put("bytes_done", bytesDone);
        fields.put("bytes", bytes);
        fields.put("bytes_per_second", rateAndEta[0]);
        fields.put("eta_seconds", rateAndEta[1]);
        LOG.info(
                Markers.appendEntries(fields),
                "backfill: {}/{} dates, {}/{} files, {} of {} read, {}/s, ETA {}",
                datesDone,
                dates,
                filesDone,
                files,
                ConsolidationSummary.bytes(bytesDone),
                ConsolidationSummary.bytes(bytes),
                ConsolidationSummary.bytes(rateAndEta[0]),
                rateAndEta[1] < 0
                        ? "unknown"
                        : Duration.ofSeconds(rateAndEta[1]).toString().substring(2));
    }
}
