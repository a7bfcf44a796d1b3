/** Consolidation rules: plans, deduplication, the newest-per-id index, verification, anomalies and partition reports. */
package io.feedstore.domain.consolidation;
