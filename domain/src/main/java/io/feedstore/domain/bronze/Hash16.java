package io.feedstore.domain.bronze;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The first 16 lowercase hex digits of a SHA-256: the short, stable names bronze ids are made of. */
public final class Hash16 {

    private Hash16() {}

    /** The page id hash: SHA-256 over the UTF-8 bytes of {@code raw + "|"} (the older jobs' scheme, kept exactly). */
    public static String ofEntry(String raw) {
        return of((raw + "|").getBytes(StandardCharsets.UTF_8));
    }

    /** The same name from a SHA-256 computed elsewhere (over a stream too large to hold). */
    public static String ofSha256(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
        }
        return HexFormat.of().formatHex(sha256, 0, 8);
    }

    public static String of(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
