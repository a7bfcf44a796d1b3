package io.feedstore.bootstrap.logging;

/**
 * What text mode writes to a terminal or a text log: values echoed from the input or the command line can hold
 * a newline (a forged log line) or an escape sequence (a rewritten terminal), so every control character is
 * written as an escape instead, the way JSON logs write it. The JSON encoder needs no help.
 */
public final class TerminalText {

    private TerminalText() {}

    /** One line as text mode prints it: secrets masked, then controls escaped. */
    public static String line(Secrets secrets, String text) {
        return escapeControls(secrets.redact(text));
    }

    /** Several lines (a stack trace) as text mode prints them: each masked and escaped, the line breaks kept. */
    public static String lines(Secrets secrets, String text) {
        return escapeControlsKeepingLines(secrets.redact(text));
    }

    /** {@code text} with C0 controls but tab, C1 controls, DEL and the Unicode line separators escaped; one line. */
    static String escapeControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = escape(c);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** The same for text that may span lines (a stack trace): each line escaped, the line breaks kept. */
    private static String escapeControlsKeepingLines(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                result.append('\n');
            }
            result.append(escapeControls(lines[i]));
        }
        return result.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            // A tab forges nothing, and stack traces are indented with it.
            case '\t' -> null;
            default ->
                c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c)
                        : null;
        };
    }
}
