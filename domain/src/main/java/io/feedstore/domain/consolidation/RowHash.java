package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.StoredRow;

/**
 * The 128-bit hash consolidation uses to check a written file against the rows it meant to write: each winner is
 * hashed as it is written and each stored row as it is read back, and the two must match id for id (port).
 *
 * <p>An implementation hashes the row's canonical form ({@link RowDigest#frame}), recording each text's length, so
 * rows that differ in any column (a null against an empty text, bytes moved between neighbouring columns, a
 * version) differ in form. The hash must be deterministic across threads and processes, and differing forms must
 * collide with no more than a 128-bit hash's chance. It need not resist collisions made on purpose: both sides of
 * the comparison are computed by feedstore from the same input row, so a difference comes only from a fault in
 * encoding, storing or decoding, and a fault does not search for collisions. Nothing hashed this way is stored.
 */
@FunctionalInterface
public interface RowHash {

    /** SHA-256 of the form, cut to 128 bits ({@link RowDigest#of(StoredRow)}): the JDK's own, and the slowest. */
    RowHash SHA_256 = RowDigest::of;

    RowDigest of(StoredRow row);
}
