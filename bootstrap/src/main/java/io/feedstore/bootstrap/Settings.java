package io.feedstore.bootstrap;

import io.feedstore.application.BatchWriterSettings;
import io.feedstore.domain.consolidation.AnomalyRule;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything configurable, resolved once at start and validated as a whole: a flag wins over an environment
 * variable, which wins over the default. A bad value ends the command before anything is touched.
 */
record Settings(StoreUri store, int batchSize, AnomalyRule anomalyRule, Clock clock) {

    static final String STORE_VARIABLE = "FEEDSTORE_STORE";
    static final String MIN_ROWS_VARIABLE = "CONSOLIDATION_MIN_ROWS";
    static final String DEFAULT_STORE = "file:./feedstore-data";

    Settings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(anomalyRule, "anomalyRule");
        Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw FeedstoreError.configuration("--batch-size " + batchSize + " must be at least 1");
        }
    }

    /** @param storeFlag the {@code --store} value, or null when the flag was not given */
    static Settings resolve(String storeFlag, Map<String, String> environment, Clock clock) {
        StoreUri store = storeFlag != null
                ? StoreUri.parse(storeFlag)
                : variable(environment, STORE_VARIABLE).map(Settings::storeFromEnvironment)
                        .orElseGet(() -> StoreUri.parse(DEFAULT_STORE));
        AnomalyRule anomalyRule = variable(environment, MIN_ROWS_VARIABLE).map(Settings::minRows)
                .orElse(AnomalyRule.DEFAULT);
        return new Settings(store, BatchWriterSettings.DEFAULT_BATCH_SIZE, anomalyRule, clock);
    }

    Settings withBatchSize(int size) {
        return new Settings(store, size, anomalyRule, clock);
    }

    /** An empty variable counts as unset, as shells make it easy to export one by accident. */
    private static Optional<String> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static StoreUri storeFromEnvironment(String value) {
        try {
            return StoreUri.parse(value);
        } catch (FeedstoreError e) {
            throw FeedstoreError.configuration(STORE_VARIABLE + ": " + e.getMessage());
        }
    }

    private static AnomalyRule minRows(String value) {
        int rows;
        try {
            rows = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw FeedstoreError.configuration(MIN_ROWS_VARIABLE + " '" + value + "' is not a whole number of rows");
        }
        try {
            return new AnomalyRule(rows);
        } catch (IllegalArgumentException e) {
            throw FeedstoreError.configuration(MIN_ROWS_VARIABLE + " '" + value + "' must be 0 or more");
        }
    }
}
