package io.feedstore.domain.bronze;

import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One original document in the bronze archive, and where its objects live:
 * {@code bronze_raw/source={source}/dt={dt}/msgId={id}/} holding {@code message.eml} + {@code meta.json} for an
 * email, {@code content.html.gz} + {@code entry.json.gz} for a page.
 */
public record RawItem(Kind kind, Source source, LocalDate dt, RawItemId id) {

    public static final KeyPrefix ROOT = KeyPrefix.of("bronze_raw/");

    private static final Pattern KEY =
            Pattern.compile("bronze_raw/source=([^/]+)/dt=([0-9]{4}-[0-9]{2}-[0-9]{2})/msgId=([^/]+)/([^/]+)");

    /** An email is stored as its RFC 822 bytes; a page as its gzipped HTML and the feed entry that led to it. */
    public enum Kind {
        EMAIL(List.of(RawPart.MESSAGE_EML, RawPart.META_JSON)),
        PAGE(List.of(RawPart.CONTENT_HTML_GZ, RawPart.ENTRY_JSON_GZ));

        private final List<RawPart> parts;

        Kind(List<RawPart> parts) {
            this.parts = parts;
        }

        public List<RawPart> parts() {
            return parts;
        }

        static Kind of(RawPart part) {
            return EMAIL.parts.contains(part) ? EMAIL : PAGE;
        }
    }

    public RawItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dt, "dt");
        Objects.requireNonNull(id, "msgId");
        if (dt.getYear() < 1 || dt.getYear() > 9999) {
            throw new IllegalArgumentException("dt '" + dt + "' must be between years 0001 and 9999");
        }
        if (kind == Kind.PAGE && !id.prefix().contains(source.value())) {
            throw new IllegalArgumentException("msgId '" + id + "' of a page from source '" + source + "' must be "
                    + source + "__ followed by 16 lowercase hex digits");
        }
        if (kind == Kind.EMAIL && !id.isGmailId() && !id.prefix().contains("email")) {
            throw new IllegalArgumentException(
                    "msgId '" + id
                            + "' of an email must be a Gmail id (16 lowercase hex digits) or email__ followed by 16 hex digits");
        }
    }

    public static RawItem email(Source source, LocalDate dt, RawItemId id) {
        return new RawItem(Kind.EMAIL, source, dt, id);
    }

    public static RawItem page(Source source, LocalDate dt, RawItemId id) {
        return new RawItem(Kind.PAGE, source, dt, id);
    }

    /** {@code bronze_raw/source={source}/dt={dt}/msgId={id}/}. */
    public KeyPrefix prefix() {
        return ROOT.child("source=" + source).child("dt=" + dt).child("msgId=" + id);
    }

    public List<RawPart> parts() {
        return kind.parts();
    }

    public ObjectKey key(RawPart part) {
        if (!kind.parts().contains(part)) {
            throw new IllegalArgumentException("an item of kind " + kind + " has no part " + part.fileName());
        }
        return prefix().key(part.fileName());
    }

    /** A bronze key read back as its item and part, or why it is not one. */
    public record Located(RawItem item, RawPart part) {
        public Located {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(part, "part");
        }
    }

    public static Either<String, Located> locate(ObjectKey key) {
        Matcher m = KEY.matcher(key.value());
        if (!m.matches()) {
            return Either.left("key '" + key + "' is not bronze_raw/source=S/dt=YYYY-MM-DD/msgId=ID/FILE");
        }
        return RawPart.ofFileName(m.group(4))
                .toEither(() -> "key '" + key + "' names no bronze part (message.eml, meta.json, content.html.gz,"
                        + " entry.json.gz)")
                .flatMap(part -> Try.of(() -> new Located(
                                new RawItem(
                                        Kind.of(part),
                                        Source.of(m.group(1)),
                                        LocalDate.parse(m.group(2)),
                                        RawItemId.of(m.group(3))),
                                part))
                        .toEither()
                        .mapLeft(e -> "key '" + key + "': " + e.getMessage()));
    }
}
