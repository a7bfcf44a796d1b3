package io.feedstore.application;

import io.feedstore.domain.codec.EncodingOptions;
import java.util.Objects;

/** How the batch writer cuts and encodes batches: a partition is written once it holds {@code batchSize} records. */
public record BatchWriterSettings(int batchSize, EncodingOptions encoding) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final BatchWriterSettings DEFAULT = new BatchWriterSettings(DEFAULT_BATCH_SIZE, EncodingOptions.BATCH);

    public BatchWriterSettings {
        Objects.requireNonNull(encoding, "encoding");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        }
    }

    public BatchWriterSettings withBatchSize(int size) {
        return new BatchWriterSettings(size, encoding);
    }
}
