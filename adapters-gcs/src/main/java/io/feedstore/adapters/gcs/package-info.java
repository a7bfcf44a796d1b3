/** Storage adapter: the object store on Google Cloud Storage, with generation preconditions and bounded-concurrency bulk calls. */
package io.feedstore.adapters.gcs;
