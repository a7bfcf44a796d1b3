package io.feedstore.application;

/**
 * How the batch writer cuts batches: a partition is written once it holds {@code batchSize} records (how a batch is
 * encoded is the codec's, by {@link io.feedstore.domain.codec.FileRole#BATCH role}).
 */
public record BatchWriterSettings(int batchSize) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final BatchWriterSettings DEFAULT = new BatchWriterSettings(DEFAULT_BATCH_SIZE);

    public BatchWriterSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        }
    }

    public BatchWriterSettings withBatchSize(int size) {
        return new BatchWriterSettings(size);
    }
}
