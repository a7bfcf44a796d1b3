/** The press-release lines port: the JSON Lines format, read with Jackson. */
package io.feedstore.adapters.jsonlines;
