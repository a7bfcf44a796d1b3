/** The backfill of the older pipeline's layouts: which task migrates which dates, and the record of what it retired. */
package io.feedstore.domain.backfill;
