/** Codec adapter: press releases to and from Parquet files in the production schema, streamed one row group at a time. */
package io.feedstore.adapters.parquet;
