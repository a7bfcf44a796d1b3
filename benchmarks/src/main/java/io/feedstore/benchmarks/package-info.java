/** The benchmark harness: feedstore and DuckDB measured side by side on generated press releases. */
package io.feedstore.benchmarks;
