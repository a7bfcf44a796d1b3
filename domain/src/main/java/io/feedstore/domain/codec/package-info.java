/** Codec port: press releases to and from files, and the options a file is encoded with. */
package io.feedstore.domain.codec;
