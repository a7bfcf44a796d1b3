/** A test server for the GCS JSON API: buckets in memory, generation preconditions, injectable faults. */
package io.feedstore.gcsserver;
