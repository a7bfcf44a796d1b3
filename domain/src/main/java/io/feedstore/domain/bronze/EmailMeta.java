package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code meta.json} of an archived email. The oldest objects store the internal time in seconds
 * ({@code internal_epoch}), later ones in milliseconds ({@code internal_epoch_ms}); both read into
 * {@code internalTime}. Objects before the declared-time fields lack them, and only feedstore writes
 * {@code ingested_at} and {@code parser}.
 */
public record EmailMeta(
        RawItemId id,
        Option<String> from,
        Option<String> subject,
        Instant internalTime,
        Option<Instant> declaredTimeUtc,
        Option<String> declaredTimeRaw,
        Option<Instant> ingestedAt,
        Option<String> parser) {

    public EmailMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(internalTime, "internal_epoch_ms");
        Objects.requireNonNull(declaredTimeUtc, "email_declared_time_utc");
        Objects.requireNonNull(declaredTimeRaw, "email_declared_time_raw");
        Objects.requireNonNull(ingestedAt, "ingested_at");
        Objects.requireNonNull(parser, "parser");
    }
}
