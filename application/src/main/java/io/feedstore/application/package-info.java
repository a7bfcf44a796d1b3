/** Use cases: ingest, batch writing, consolidation and loading, written against the domain's ports only. */
package io.feedstore.application;
