package io.feedstore.domain.ingest;

import io.feedstore.domain.release.PressRelease;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * Outgoing port: the text format press releases arrive in (JSON Lines, one press release per line with the
 * twelve column names as keys), and the format rejected lines are kept in.
 */
public interface PressReleaseLines {

    /**
     * The press release one line holds, or why it holds none: a reason naming the field and the rule it breaks
     * (bad JSON, a missing or invalid required field, a bad date or timestamp, a bad source).
     *
     * @param defaultIngestedAt the {@code ingested_at} of a line that has none: the time of ingestion
     */
    Either<String, PressRelease> parse(String line, Instant defaultIngestedAt);

    /** One line of a dead-letter file (JSON Lines) keeping a rejected line verbatim with its number and reason. */
    String deadLetter(long lineNumber, String line, String reason);
}
