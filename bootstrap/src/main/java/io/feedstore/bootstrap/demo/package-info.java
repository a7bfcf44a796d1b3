/** The demo's sample: a few days of realistic press releases with redeliveries, corrections and legacy rows. */
package io.feedstore.bootstrap.demo;
