package io.feedstore.domain.bronze;

import io.vavr.control.Either;

/** Outgoing port: the JSON of {@code meta.json} and {@code entry.json.gz}, in every variant the bucket holds. */
public interface BronzeMetadata {

    /** A {@code meta.json}, or a one-line reason naming the field and the rule it breaks. */
    Either<String, EmailMeta> readEmailMeta(byte[] json);

    /** UTF-8 JSON with {@code internal_epoch_ms}, as feedstore writes every new item. */
    byte[] writeEmailMeta(EmailMeta meta);

    /** An {@code entry.json.gz} as stored (gzip bytes), or a one-line reason. */
    Either<String, PageEntry> readPageEntry(byte[] gzippedJson);

    /** gzip of UTF-8 JSON. */
    byte[] writePageEntry(PageEntry entry);

    /**
     * One line of a dead-letter file (JSON Lines): the archived item that yields no press release, where it was
     * read from and why.
     */
    String deadLetter(RawItem item, String input, String reason);
}
