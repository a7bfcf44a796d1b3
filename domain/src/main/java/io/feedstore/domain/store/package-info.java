/** Object store port: keys, generations, conditional writes and the failures a store can answer. */
package io.feedstore.domain.store;
