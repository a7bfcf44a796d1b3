package io.feedstore.application;

import io.feedstore.domain.bronze.RawItemId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One message to ingest, as read from an {@code .eml} file, an mbox or a bronze-style folder: where it came from
 * (for messages), its RFC 822 bytes (in memory or spilled, {@link MessageBytes}), and what its container says about
 * it: the Gmail id (a Takeout separator, a {@code meta.json}) and when the mailbox received it. The ingestion that
 * receives it closes its bytes when done.
 */
public record IncomingEmail(
        String origin, MessageBytes message, Option<RawItemId> gmailId, Option<Instant> receivedAt) {

    public IncomingEmail {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(gmailId, "gmailId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A message held in memory. */
    public IncomingEmail(String origin, byte[] rfc822, Option<RawItemId> gmailId, Option<Instant> receivedAt) {
        this(origin, MessageBytes.of(rfc822), gmailId, receivedAt);
    }
}
