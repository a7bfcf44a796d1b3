package io.feedstore.application;

import io.feedstore.domain.ingest.PressReleaseLines;
import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.time.Instant;

/**
 * A test double of the line-format port, NOT the JSON Lines adapter: {@code id|source|date|ingested_at|title}
 * with an empty {@code ingested_at} meaning "none". Invalid values are rejected through the domain's own
 * rules, which is all the ingestion use case relies on. Dead letters are {@code <number>\t<reason>\t<line>}.
 */
final class PipeSeparatedLines implements PressReleaseLines {

    @Override
    public Either<String, PressRelease> parse(String line, Instant defaultIngestedAt) {
        String[] f = line.split("\\|", -1);
        if (f.length != 5) {
            return Either.left("line: expected 5 fields separated by '|', found " + f.length);
        }
        WireRecord wire = new WireRecord(
                f[0],
                null,
                null,
                f[2],
                null,
                f[3].isEmpty() ? WireRecord.formatIngestedAt(defaultIngestedAt) : f[3],
                f[4],
                null,
                f[1],
                null,
                null,
                null);
        return Try.of(() -> wire.toPressRelease())
                .toEither()
                .mapLeft(Throwable::getMessage)
                .flatMap(e -> e.mapLeft(InvalidPressRelease::getMessage));
    }

    @Override
    public String deadLetter(long lineNumber, String line, String reason) {
        return lineNumber + "\t" + reason + "\t" + line;
    }
}
