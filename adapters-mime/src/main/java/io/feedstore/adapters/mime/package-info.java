/** MIME with Apache James mime4j: the message-parser port and a streaming mbox splitter. */
package io.feedstore.adapters.mime;
