package io.feedstore.application;

import java.util.Objects;

/** An input line that was not stored as a press release, and why (naming the field and the rule). */
public record Reject(long lineNumber, String reason) {

    public Reject {
        Objects.requireNonNull(reason, "reason");
        if (lineNumber < 1) {
            throw new IllegalArgumentException("line numbers start at 1, was " + lineNumber);
        }
    }
}
