package io.feedstore.bootstrap.logging;

/** The least severe level that is logged. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
}
