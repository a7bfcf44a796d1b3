package io.feedstore.domain.release;

/** Text must survive UTF-8 (Parquet, JSON): a lone surrogate would silently turn into '?'. */
final class Text {

    private Text() {
    }

    static void requireWellFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidPressRelease(field, value, "contains an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidPressRelease(field, value, "contains an unpaired surrogate at index " + i);
            }
        }
    }
}
