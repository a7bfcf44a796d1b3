package io.feedstore.bootstrap.logging;

/** How log lines are written: for a person, or one JSON object per line for Cloud Logging. */
public enum LogFormat {
    TEXT,
    JSON
}
