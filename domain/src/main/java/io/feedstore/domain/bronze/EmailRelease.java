package io.feedstore.domain.bronze;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** The rule "email → press release", parser version 2. */
public final class EmailRelease {

    public static final int PARSER_VERSION = 2;
    public static final int SCHEMA_VERSION = 2;
    public static final String PARSER = "feedstore-email/" + PARSER_VERSION;
    public static final String CATEGORY = "unknown";

    private final HtmlText htmlText;

    public EmailRelease(HtmlText htmlText) {
        this.htmlText = Objects.requireNonNull(htmlText, "htmlText");
    }

    /**
     * The press release of an archived email, or why there is none. {@code internalTime} is when the mailbox
     * received it; the release time is the declared time when the text states one with a zone, else that.
     */
    public Either<String, PressRelease> toPressRelease(RawItem item, ParsedMessage message, Instant internalTime) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(internalTime, "internalTime");
        if (item.kind() != RawItem.Kind.EMAIL) {
            return Either.left("item " + item.id() + " is a " + item.kind() + ", not an email");
        }
        Option<String> title = message.subject().map(String::strip).filter(s -> !s.isEmpty());
        Option<String> text = fullText(message);
        if (title.isEmpty() && text.isEmpty()) {
            return Either.left("message " + item.id() + " has neither a subject nor a text body");
        }
        Option<DeclaredTime> declared = text.flatMap(DeclaredTime::inEmail);
        Instant released = declared.map(DeclaredTime::utc).getOrElse(internalTime);
        return Try.of(() -> PressRelease.builder(
                                PressReleaseId.of(item.id().value()),
                                item.source(),
                                LocalDate.ofInstant(released, ZoneOffset.UTC))
                        .companyName(CompanyName.fromSender(message.from().getOrNull())
                                .getOrNull())
                        .category(CATEGORY)
                        .releaseTimestamp(released)
                        .title(title.getOrNull())
                        .fullText(text.getOrNull())
                        .parserVersion(PARSER_VERSION)
                        .schemaVersion(SCHEMA_VERSION)
                        .build())
                .toEither()
                .mapLeft(e -> "message " + item.id() + ": " + e.getMessage());
    }

    /** The declared time the rule would use, for {@code meta.json}. */
    public Option<DeclaredTime> declaredTime(ParsedMessage message) {
        return fullText(message).flatMap(DeclaredTime::inEmail);
    }

    private Option<String> fullText(ParsedMessage message) {
        return message.plainText()
                .map(EmailRelease::unixLineEndings)
                .filter(s -> !s.isBlank())
                .orElse(() -> message.html().map(htmlText::toText).filter(s -> !s.isBlank()));
    }

    static String unixLineEndings(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
