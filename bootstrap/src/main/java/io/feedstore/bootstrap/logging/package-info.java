/** Where and how feedstore logs (text or Cloud Logging JSON on stderr), with secrets masked and controls escaped. */
package io.feedstore.bootstrap.logging;
