package io.feedstore.bootstrap.cli;

import io.feedstore.application.BackfillHistory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a backfill is: off a terminal (Cloud Run) one log line every few seconds, with the figures as fields
 * (JSON with a severity when JSON logs are on); on a terminal a live bar on stderr ({@link TerminalBar}).
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

    /** A bar when this process runs on a terminal, log lines otherwise. */
    static BackfillProgress forThisProcess() {
        return System.console() != null ? new TerminalBar() : new BackfillProgress();
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

    void line() {
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

    /** The live bar: files done of total with rate and ETA, dates and bytes as its message. */
    static final class TerminalBar extends BackfillProgress {
        private ProgressBar bar;

        @Override
        public void planned(int dates, long files, long bytes) {
            this.dates = dates;
            this.files = files;
            this.bytes = bytes;
            bar = new ProgressBarBuilder()
                    .setTaskName("backfill")
                    .setInitialMax(files)
                    .setUnit(" files", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
            message();
        }

        @Override
        public void fileRead(long size) {
            filesDone++;
            bytesDone += size;
            if (bar != null) {
                bar.step();
                message();
            }
        }

        @Override
        public void dateDone(LocalDate date) {
            datesDone++;
            message();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }

        private void message() {
            if (bar != null) {
                bar.setExtraMessage(" " + datesDone + "/" + dates + " dates, " + ConsolidationSummary.bytes(bytesDone)
                        + " of " + ConsolidationSummary.bytes(bytes));
            }
        }
    }
}
