package io.feedstore.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import net.logstash.logback.mask.ValueMasker;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Where and how feedstore logs: to stderr (stdout carries only a command's output), as text for a person or, with
 * {@code FEEDSTORE_LOG_FORMAT=json}, as one JSON object per line in the shape Cloud Logging reads from a container
 * ({@code severity}, {@code message}, {@code timestamp}, plus the structured fields of the event). The JSON is
 * written by logstash-logback-encoder; every string in it, and every text line, passes through {@link Secrets}.
 */
public final class Logging {

    /** The logger of the command line itself (its final error line, the run summary). */
    public static final String COMMAND_LOGGER = "feedstore";

    private Logging() {}

    /**
     * Routes all logging to {@code err} in the given format from now on.
     *
     * @param verbose adds timestamps and logger names to text lines, and stack traces to both formats
     */
    public static void configure(LogFormat format, LogLevel level, boolean verbose, Secrets secrets, PrintWriter err) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        // java.util.logging (the Google client) into SLF4J, its levels kept in step with logback's so that
        // disabled levels cost nothing.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
        propagator.start();
        Encoder<ILoggingEvent> encoder = format == LogFormat.JSON
                ? jsonEncoder(context, secrets, verbose)
                : textEncoder(context, secrets, verbose);
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(new WriterStream(err));
        appender.start();

        Level threshold = logbackLevel(level);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        // Libraries speak up only about problems, unless asked for debugging.
        root.setLevel(threshold.isGreaterOrEqual(Level.WARN) ? threshold : Level.WARN);
        root.addAppender(appender);
        context.getLogger("io.feedstore").setLevel(threshold);
        context.getLogger(COMMAND_LOGGER).setLevel(threshold);
        // Hadoop warns about its missing native library on every start; feedstore never needs it.
        context.getLogger("org.apache.hadoop").setLevel(Level.ERROR);
        context.getLogger("org.apache.parquet").setLevel(verbose ? Level.WARN : Level.ERROR);
    }

    static Level logbackLevel(LogLevel level) {
        return switch (level) {
            case ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            case TRACE -> Level.TRACE;
        };
    }

    /** Cloud Logging's LogSeverity names: it does not know logback's WARN or TRACE. */
    static String severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "ERROR";
            case Level.WARN_INT -> "WARNING";
            case Level.INFO_INT -> "INFO";
            default -> "DEBUG";
        };
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context, Secrets secrets, boolean verbose) {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
        timestamp.setFieldName("timestamp");
        timestamp.setPattern("[ISO_INSTANT]");
        timestamp.setTimeZone("UTC");
        providers.addTimestamp(timestamp);
        providers.addProvider(new SeverityJsonProvider());
        providers.addMessage(new MessageJsonProvider());
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName("logger");
        providers.addLoggerName(logger);
        providers.addMdc(new MdcJsonProvider());
        providers.addLogstashMarkers(new LogstashMarkersJsonProvider());
        providers.addArguments(new ArgumentsJsonProvider());
        if (verbose) {
            // Cloud Error Reporting reads a stack trace from this field.
            StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
            stackTrace.setFieldName("stack_trace");
            providers.addStackTrace(stackTrace);
        }
        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(providers);
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new SecretsMasker(secrets));
        masking.start();
        encoder.setJsonGeneratorDecorator(masking);
        encoder.setLineSeparator("\n");
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context, Secrets secrets, boolean verbose) {
        TextLayout layout = new TextLayout(secrets, verbose);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** {@code severity}, with Cloud Logging's names for the levels. */
    static final class SeverityJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

        SeverityJsonProvider() {
            setFieldName("severity");
        }

        @Override
        public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
            generator.writeStringField(getFieldName(), severity(event.getLevel()));
        }
    }

    /** Applies {@link Secrets} to every string the JSON encoder writes, message and fields alike. */
    static final class SecretsMasker implements ValueMasker {

        private final Secrets secrets;

        SecretsMasker(Secrets secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
        }

        @Override
        public Object mask(JsonStreamContext context, Object value) {
            if (value instanceof CharSequence text) {
                String redacted = secrets.redact(text.toString());
                return redacted.equals(text.toString()) ? null : redacted;
            }
            return null;
        }
    }

    /** {@code WARN  message}; verbose: {@code 08:00:00.000 WARN  logger - message} and the stack trace. */
    static final class TextLayout extends LayoutBase<ILoggingEvent> {

        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

        private final Secrets secrets;
        private final boolean verbose;

        TextLayout(Secrets secrets, boolean verbose) {
            this.secrets = secrets;
            this.verbose = verbose;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder();
            if (verbose) {
                line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                        .append(' ');
            }
            line.append(String.format("%-5s ", event.getLevel()));
            if (verbose) {
                String name = event.getLoggerName();
                line.append(name.substring(name.lastIndexOf('.') + 1)).append(" - ");
            }
            line.append(TerminalText.line(secrets, event.getFormattedMessage())).append('\n');
            if (verbose && event.getThrowableProxy() != null) {
                line.append(TerminalText.lines(secrets, ThrowableProxyUtil.asString(event.getThrowableProxy())))
                        .append('\n');
            }
            return line.toString();
        }
    }

    /**
     * The bytes of encoded log lines, onto the run's stderr writer: each flush hands over whole lines, decoded
     * as UTF-8, so log lines and error lines keep their order on one stream.
     */
    static final class WriterStream extends OutputStream {

        private final PrintWriter err;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        WriterStream(PrintWriter err) {
            this.err = Objects.requireNonNull(err, "err");
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            if (pending.size() > 0) {
                err.write(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            }
            err.flush();
        }

        /** The writer belongs to the run, which closes it. */
        @Override
        public void close() {
            flush();
        }
    }
}
