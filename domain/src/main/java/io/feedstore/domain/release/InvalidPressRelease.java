package io.feedstore.domain.release;

/** A value that breaks a rule of the press-release record; the message names the field, the value and the rule. */
public final class InvalidPressRelease extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public InvalidPressRelease(String field, String value, String rule) {
        super(field + " " + quote(value) + " " + rule);
        this.field = field;
        this.rule = rule;
    }

    /** A column whose bytes are not UTF-8: refused rather than silently turned into U+FFFD. */
    public static InvalidPressRelease notUtf8(String column) {
        String rule = "is not valid UTF-8";
        return new InvalidPressRelease(
                column,
                rule,
                new StringBuilder("column ").append(column).append(' ').append(rule));
    }

    private InvalidPressRelease(String field, String rule, CharSequence message) {
        super(message.toString());
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    private static String quote(String value) {
        if (value == null) {
            return "(missing)";
        }
        String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return "'" + shown + "'";
    }
}
