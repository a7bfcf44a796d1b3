/** Wiring and the command line: Guice modules, picocli commands, settings, logging, the demo and the library entry point. */
package io.feedstore.bootstrap;
