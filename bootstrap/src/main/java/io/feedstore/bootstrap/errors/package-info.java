/** The one-line error a user can act on, and the exit code it ends a command with. */
package io.feedstore.bootstrap.errors;
