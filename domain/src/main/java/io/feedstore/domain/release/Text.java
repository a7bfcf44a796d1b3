package io.feedstore.domain.release;

/** Text must survive UTF-8 (Parquet, JSON): a lone surrogate would silently turn into '?'. */
public final class Text {

    private Text() {}

    /** Whether every surrogate in {@code value} is half of a pair, so the text encodes to UTF-8 unchanged. */
    public static boolean isWellFormed(String value) {
        return firstUnpairedSurrogate(value) < 0;
    }

    static void requireWellFormed(String field, String value) {
        int at = firstUnpairedSurrogate(value);
        if (at >= 0) {
            throw new InvalidPressRelease(field, value, "contains an unpaired surrogate at index " + at);
        }
    }

    private static int firstUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
