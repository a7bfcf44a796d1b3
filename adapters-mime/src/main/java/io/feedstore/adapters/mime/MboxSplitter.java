package io.feedstore.adapters.mime;

import io.feedstore.domain.bronze.RawItemId;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an mbox into its messages as streams, one at a time, so a file of several gigabytes is never held: each
 * message is read straight from the file and whatever the consumer leaves unread is skipped. A line starting with
 * {@code From } begins a message; {@code >From } lines inside a body are unescaped (mboxrd). Google Takeout puts
 * the decimal Gmail id in that line ({@code From 1792634085621503799@xxx Thu Mar 14 09:30:00 +0000 2025}).
 */
public final class MboxSplitter {

    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);
    /** The longest {@code >>>From } escape undone; deeper quoting is rare enough to keep a bounded look-ahead. */
    private static final int MAX_QUOTE_DEPTH = 64;

    private static final int MAX_SEPARATOR_CHARS = 4096;
    private static final Pattern TAKEOUT_ID = Pattern.compile("^From (\\d{1,20})@");

    /** One message of an mbox: its position, its separator line, the Gmail id that line carries, its bytes. */
    public record Entry(long index, String separator, Option<RawItemId> takeoutId, InputStream message) {
        public Entry {
            Objects.requireNonNull(separator, "separator");
            Objects.requireNonNull(takeoutId, "takeoutId");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Receives each message; the stream is valid only during the call. */
    @FunctionalInterface
    public interface Consumer {
        void accept(Entry entry) throws IOException;
    }

    private MboxSplitter() {}

    /** Calls {@code each} for every message in order; returns how many there were. */
    public static long split(InputStream mbox, Consumer each) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(mbox, 1 << 16), MAX_QUOTE_DEPTH + 8);
        skipToFirstSeparator(in);
        long index = 0;
        while (startsWith(in, FROM)) {
            String separator = readLine(in);
            MessageStream message = new MessageStream(in);
            each.accept(new Entry(index++, separator, takeoutId(separator), message));
            message.skipRest();
        }
        return index;
    }

    static Option<RawItemId> takeoutId(String separator) {
        Matcher m = TAKEOUT_ID.matcher(separator);
        return m.find() ? Try.of(() -> RawItemId.fromTakeoutDecimal(m.group(1))).toOption() : Option.none();
    }

    /** Text before the first separator is not a message (some tools write a preamble); it is skipped. */
    private static void skipToFirstSeparator(PushbackInputStream in) throws IOException {
        while (!startsWith(in, FROM)) {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                // skip the line
            }
            if (c < 0) {
                return;
            }
        }
    }

    /** Reads one line, keeping at most {@link #MAX_SEPARATOR_CHARS} of it. */
    private static String readLine(PushbackInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r' && line.length() < MAX_SEPARATOR_CHARS) {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static boolean startsWith(PushbackInputStream in, byte[] prefix) throws IOException {
        byte[] head = new byte[prefix.length];
        int n = in.readNBytes(head, 0, head.length);
        if (n > 0) {
            in.unread(head, 0, n);
        }
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of one message: up to the next line that starts with {@code From }, with {@code >From} unescaped. */
    private static final class MessageStream extends InputStream {
        private final PushbackInputStream in;
        private boolean atLineStart = true;
        private boolean ended;

        MessageStream(PushbackInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            if (atLineStart) {
                if (startsWith(in, FROM)) {
                    ended = true;
                    return -1;
                }
                unescapeQuotedFrom();
            }
            int c = in.read();
            if (c < 0) {
                ended = true;
                return -1;
            }
            atLineStart = c == '\n';
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n = 0;
            // A line's first byte goes through read(), which checks for a separator; the rest is copied as is.
            while (n < len) {
                int c = read();
                if (c < 0) {
                    break;
                }
                b[off + n++] = (byte) c;
                if (!atLineStart) {
                    n += copyRestOfLine(b, off + n, len - n);
                }
            }
            return n == 0 ? -1 : n;
        }

        /** Copies bytes up to and including the next newline, without the line-start checks. */
        private int copyRestOfLine(byte[] b, int off, int len) throws IOException {
            int n = 0;
            while (n < len) {
                int c = in.read();
                if (c < 0) {
                    ended = true;
                    break;
                }
                b[off + n++] = (byte) c;
                if (c == '\n') {
                    atLineStart = true;
                    break;
                }
            }
            return n;
        }

        /** At a line start {@code >From } or {@code >>From }: drop one {@code >}, as mboxrd writers added one. */
        private void unescapeQuotedFrom() throws IOException {
            byte[] head = new byte[MAX_QUOTE_DEPTH + FROM.length];
            int n = in.readNBytes(head, 0, head.length);
            int quotes = 0;
            while (quotes < n && head[quotes] == '>') {
                quotes++;
            }
            boolean escaped = quotes > 0 && n - quotes >= FROM.length;
            for (int i = 0; escaped && i < FROM.length; i++) {
                escaped = head[quotes + i] == FROM[i];
            }
            if (n > 0) {
                in.unread(head, escaped ? 1 : 0, escaped ? n - 1 : n);
            }
        }

        void skipRest() throws IOException {
            byte[] buffer = new byte[8192];
            while (read(buffer, 0, buffer.length) >= 0) {
                // drain what the consumer left
            }
        }

        @Override
        public void close() {
            // The mbox stays open for the next message; the splitter skips what is left.
        }
    }
}
