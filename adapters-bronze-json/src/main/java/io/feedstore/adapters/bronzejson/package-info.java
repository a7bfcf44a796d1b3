/** JSON with Jackson: the bronze metadata files, {@code meta.json} and {@code entry.json.gz}. */
package io.feedstore.adapters.bronzejson;
