package io.feedstore.application;

import io.feedstore.domain.consolidation.AnomalyRule;
import java.util.Objects;

/**
 * When a partition's row count is reported as an anomaly (how the consolidated file is encoded is the codec's, by
 * {@link io.feedstore.domain.codec.FileRole#CONSOLIDATED role}).
 */
public record ConsolidationSettings(AnomalyRule anomalyRule) {

    public static final ConsolidationSettings DEFAULT = new ConsolidationSettings(AnomalyRule.DEFAULT);

    public ConsolidationSettings {
        Objects.requireNonNull(anomalyRule, "anomalyRule");
    }

    /** Threads that decode inputs at once: the machine's cores, up to 4 (each holds a row group in memory). */
    public int threads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
