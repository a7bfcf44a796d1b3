package io.feedstore.gcsserver;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One live object: its bytes, its generation and metageneration, and the metadata it was written with (content
 * encoding and cache control may be null). Bytes are served as stored: the server never transcodes gzip.
 */
record StoredBlob(
        String bucket,
        String name,
        long generation,
        long metageneration,
        byte[] content,
        String contentType,
        String contentEncoding,
        String cacheControl,
        Map<String, String> metadata,
        Instant created) {

    StoredBlob {
        metadata = Map.copyOf(metadata);
    }

    long size() {
        return content.length;
    }

    String md5Base64() {
        return md5Base64(content);
    }

    String crc32cBase64() {
        return crc32cBase64(content);
    }

    static String md5Base64(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    /** Cloud Storage's form: the big-endian four bytes of the CRC32C, base64-encoded. */
    static String crc32cBase64(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
