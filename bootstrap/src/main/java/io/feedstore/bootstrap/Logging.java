package io.feedstore.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Logs go to stderr, so stdout carries only a command's output. Quiet by default (warnings and errors, one line
 * each, no stack traces); {@code --verbose} adds progress, timestamps, logger names and stack traces.
 */
final class Logging {

    private Logging() {
    }

    static void configure(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(verbose
                ? "%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n"
                : "%-5level %msg%n%nopex");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("io.feedstore").setLevel(verbose ? Level.DEBUG : Level.WARN);
        // Hadoop warns about its missing native library on every start; feedstore never needs it.
        context.getLogger("org.apache.hadoop").setLevel(Level.ERROR);
        context.getLogger("org.apache.parquet").setLevel(verbose ? Level.WARN : Level.ERROR);
    }
}
