/** The picocli command line: the commands, their output, and every failure as one line and an exit code. */
package io.feedstore.bootstrap.cli;
