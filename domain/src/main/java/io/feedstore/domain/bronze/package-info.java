/** The bronze raw archive: original emails and pages, their key layout, and the rules that turn them into press releases. */
package io.feedstore.domain.bronze;
