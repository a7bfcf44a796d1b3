/** Every setting, resolved once from flags, environment variables and defaults, and validated before anything runs. */
package io.feedstore.bootstrap.settings;
