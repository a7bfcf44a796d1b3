package io.feedstore.gcsserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splits a {@code multipart/related} body (a multipart upload: JSON metadata, then the media) into its parts. */
final class Multipart {

    record Part(Map<String, String> headers, byte[] body) {}

    private Multipart() {}

    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            throw ApiError.badRequest("a multipart upload needs Content-Type multipart/related, got: " + contentType);
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length());
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        throw ApiError.badRequest("multipart/related without a boundary");
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw ApiError.badRequest("multipart body without its boundary");
        }
        List<Part> parts = new ArrayList<>();
        int pos = at + delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return parts;
            }
            pos = skipLineEnd(body, pos);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            Map<String, String> headers = new HashMap<>();
            int contentStart;
            if (startsWith(body, pos, "\r\n")) {
                contentStart = pos + 2;
            } else {
                if (headersEnd < 0) {
                    throw ApiError.badRequest("multipart part without a blank line after its headers");
                }
                String block = new String(body, pos, headersEnd - pos, StandardCharsets.ISO_8859_1);
                for (String line : block.split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(
                                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
                contentStart = headersEnd + 4;
            }
            int end = indexOf(body, nextDelimiter, contentStart);
            if (end < 0) {
                throw ApiError.badRequest("multipart part without a closing boundary");
            }
            byte[] content = new byte[end - contentStart];
            System.arraycopy(body, contentStart, content, 0, content.length);
            parts.add(new Part(headers, content));
            pos = end + nextDelimiter.length;
        }
    }

    private static int skipLineEnd(byte[] body, int pos) {
        if (startsWith(body, pos, "\r\n")) {
            return pos + 2;
        }
        if (startsWith(body, pos, "\n")) {
            return pos + 1;
        }
        throw ApiError.badRequest("multipart boundary not followed by a line end");
    }

    private static boolean startsWith(byte[] body, int pos, String text) {
        if (pos + text.length() > body.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (body[pos + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
