package io.feedstore.gcsserver;

/** The kinds of request the server tells apart, for counting and for aiming faults. */
public enum Operation {
    /** Multipart, media and resumable uploads, including each chunk of a resumable session. */
    UPLOAD,
    /** {@code alt=media} reads of an object's bytes. */
    DOWNLOAD,
    /** Reads of an object's metadata. */
    METADATA,
    /** Object listings. */
    LIST,
    /** Object deletes. */
    DELETE,
    /** Bucket calls and anything else. */
    OTHER
}
