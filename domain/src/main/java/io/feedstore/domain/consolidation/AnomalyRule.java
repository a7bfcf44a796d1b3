package io.feedstore.domain.consolidation;

/**
 * A consolidated partition with fewer rows than usual hints at an ingestion problem upstream. It is reported as
 * a warning, never as a failure: the data that did arrive is stored all the same.
 */
public record AnomalyRule(int minRows) {

    public static final int DEFAULT_MIN_ROWS = 50;
    public static final AnomalyRule DEFAULT = new AnomalyRule(DEFAULT_MIN_ROWS);

    public AnomalyRule {
        if (minRows < 0) {
            throw new IllegalArgumentException("CONSOLIDATION_MIN_ROWS must be 0 or more, was " + minRows);
        }
    }

    public boolean isAnomalous(int finalRows) {
        return finalRows < minRows;
    }

    /**
     * Whether a partition that ended with {@code status} and {@code finalRows} is reported as an anomaly: only a
     * consolidation that went through (or would, in a dry run) counts; a failed one's row count means nothing.
     */
    public boolean isAnomalous(PartitionStatus status, int finalRows) {
        return (status == PartitionStatus.CONSOLIDATED || status == PartitionStatus.PLANNED) && isAnomalous(finalRows);
    }
}
