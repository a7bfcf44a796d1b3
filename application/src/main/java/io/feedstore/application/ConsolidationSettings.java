package io.feedstore.application;

import io.feedstore.domain.codec.EncodingOptions;
import io.feedstore.domain.consolidation.AnomalyRule;
import java.util.Objects;

/** How consolidated files are encoded and when a partition's row count is reported as an anomaly. */
public record ConsolidationSettings(EncodingOptions encoding, AnomalyRule anomalyRule) {

    public static final ConsolidationSettings DEFAULT =
            new ConsolidationSettings(EncodingOptions.CONSOLIDATED, AnomalyRule.DEFAULT);

    public ConsolidationSettings {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(anomalyRule, "anomalyRule");
    }

    /** Threads that decode inputs at once: the machine's cores, up to 4 (each holds a row group in memory). */
    public int threads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
