package io.feedstore.domain.bronze;

import io.vavr.control.Option;

/** The objects a bronze item is made of, with the names and content headers the existing bucket uses. */
public enum RawPart {
    MESSAGE_EML("message.eml", "message/rfc822", Option.none()),
    META_JSON("meta.json", "application/json", Option.none()),
    CONTENT_HTML_GZ("content.html.gz", "text/html", Option.of("gzip")),
    ENTRY_JSON_GZ("entry.json.gz", "application/json", Option.of("gzip"));

    private final String fileName;
    private final String contentType;
    private final Option<String> contentEncoding;

    RawPart(String fileName, String contentType, Option<String> contentEncoding) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    /** {@code gzip} for the parts stored compressed; readers get these bytes as stored and gunzip them. */
    public Option<String> contentEncoding() {
        return contentEncoding;
    }

    public static Option<RawPart> ofFileName(String name) {
        for (RawPart part : values()) {
            if (part.fileName.equals(name)) {
                return Option.of(part);
            }
        }
        return Option.none();
    }
}
