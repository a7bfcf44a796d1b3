/** The press release: its typed record, its validated values, and the one translation to and from the wire columns. */
package io.feedstore.domain.release;
