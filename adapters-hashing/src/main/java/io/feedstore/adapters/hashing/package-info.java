/** The row hash port: XXH3-128 of a row's canonical form, with hash4j. */
package io.feedstore.adapters.hashing;
