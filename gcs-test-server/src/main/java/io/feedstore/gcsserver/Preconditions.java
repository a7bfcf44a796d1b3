package io.feedstore.gcsserver;

import java.util.Map;

/**
 * The generation and metageneration conditions of a request, with Cloud Storage's meaning: a generation match
 * of 0 means "no live object", and a not-match condition fails when there is no live object at all.
 */
record Preconditions(
        Long ifGenerationMatch, Long ifGenerationNotMatch, Long ifMetagenerationMatch, Long ifMetagenerationNotMatch) {

    static final Preconditions NONE = new Preconditions(null, null, null, null);

    static Preconditions from(Map<String, String> query) {
        return new Preconditions(
                number(query, "ifGenerationMatch"),
                number(query, "ifGenerationNotMatch"),
                number(query, "ifMetagenerationMatch"),
                number(query, "ifMetagenerationNotMatch"));
    }

    boolean isEmpty() {
        return ifGenerationMatch == null
                && ifGenerationNotMatch == null
                && ifMetagenerationMatch == null
                && ifMetagenerationNotMatch == null;
    }

    /** Whether every condition holds for the live object {@code current} (null when there is none). */
    boolean holdFor(StoredBlob current) {
        return matchConditionsHold(current) && notMatchConditionsHold(current);
    }

    /** The "match" conditions; a read answers 412 when one fails. */
    boolean matchConditionsHold(StoredBlob current) {
        if (ifGenerationMatch != null) {
            boolean holds = ifGenerationMatch == 0
                    ? current == null
                    : current != null && current.generation() == ifGenerationMatch;
            if (!holds) {
                return false;
            }
        }
        return ifMetagenerationMatch == null || current != null && current.metageneration() == ifMetagenerationMatch;
    }

    /** The "not match" conditions; a read answers 304 Not Modified when one fails, a write 412. */
    boolean notMatchConditionsHold(StoredBlob current) {
        if (ifGenerationNotMatch != null && (current == null || current.generation() == ifGenerationNotMatch)) {
            return false;
        }
        return ifMetagenerationNotMatch == null
                || current != null && current.metageneration() != ifMetagenerationNotMatch;
    }

    private static Long number(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid value for " + name + ": '" + value + "'");
        }
    }
}
