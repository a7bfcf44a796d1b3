/** Partitions by source and release date, the store layout, and the names of batch, legacy and consolidated files. */
package io.feedstore.domain.partition;
