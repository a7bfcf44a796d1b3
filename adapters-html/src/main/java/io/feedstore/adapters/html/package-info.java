/** HTML with jsoup: article pages and HTML email bodies read as text, never executed, never fetched. */
package io.feedstore.adapters.html;
