/** The Guice wiring: which adapter implements each port, and the store each URI scheme opens. */
package io.feedstore.bootstrap.wiring;
