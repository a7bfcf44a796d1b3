/** Ingest port: press releases read from lines of input, each valid or rejected with a reason. */
package io.feedstore.domain.ingest;
