/** The library entry point: feedstore opened from JVM code, wired exactly as the command line wires it. */
package io.feedstore.bootstrap;
