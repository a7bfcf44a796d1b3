package io.feedstore.benchmarks;

import io.feedstore.domain.bronze.RawItemId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Generates press-release emails as the newsletters deliver them: RFC 822 with RFC 2047 subjects and sender names
 * (UTF-8 and ISO-8859-1), multipart/alternative with a quoted-printable text part and a base64 HTML part, HTML-only
 * and base64-only messages, Latin-1 messages from older mailers, Swedish, Finnish and Danish declared-time lines
 * ({@code Publicerad: 2025-03-14 08:30 CET}) and a share without any, texts of 0.5–4 KB from {@link Prose}. Every
 * message parses to a press release. Deterministic from the seed.
 */
final class Mailbox {

    /** One generated message: its Gmail id, when the mailbox received it, its bytes. */
    record Message(RawItemId id, long decimalId, Instant received, byte[] rfc822) {}

    private static final DateTimeFormatter DATE_HEADER =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);
    private static final DateTimeFormatter SEPARATOR =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss xx yyyy", Locale.ROOT);
    private static final DateTimeFormatter ISO_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter NORDIC_MINUTE = DateTimeFormatter.ofPattern("d.M.yyyy HH:mm", Locale.ROOT);
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static final String[] SENDERS = {
        "Åsa Lindqvist via Cision|news@cision.com",
        "Mikko Häkkinen on behalf of Jyväskylän Energia Oy|noreply@globenewswire.com",
        "Søren Østergaard via Via Ritzau|nyheder@ritzau.dk",
        "Päivi Järvinen via STT Info|tiedotteet@sttinfo.fi",
        "|ir@nordljus.se",
        "|press@aerofjord.dk",
        "Kåre Sjöström – Investor Relations|ir@skargard-capital.se",
        "MFN – Modular Finance|news@mfn.se",
    };

    private final Random random;
    private final Prose prose;
    private long nextId;
    private int count;

    Mailbox(long seed) {
        this.random = new Random(seed);
        this.prose = new Prose(seed ^ 0x6d61696cL);
        this.nextId = 0x18e1_0000_0000_0000L + (seed & 0xffff_ffffL);
    }

    /** The next message, received at {@code received}. */
    Message next(Instant received) {
        long decimal = nextId;
        nextId += 1 + random.nextInt(1 << 20);
        int variant = count++ % 10;
        String company = prose.company();
        String title = prose.title(company);
        String city = prose.city();
        ZonedDateTime published =
                received.minusSeconds(60L + random.nextInt(3600)).atZone(ZoneOffset.UTC);
        boolean latin1 = variant == 7;
        String text = prose.fullText(company, city, published.toLocalDate().toString());
        if (latin1) {
            title = toLatin1(title);
            text = toLatin1(text);
        }
        String declared = declaredLine(published, variant);
        String body = declared.isEmpty() ? text : declared + "\n\n" + text;
        String[] sender = SENDERS[random.nextInt(SENDERS.length)].split("\\|");
        String messageId = "<" + Long.toHexString(decimal) + "." + count + "@mail.bench.feedstore.io>";

        StringBuilder head = new StringBuilder();
        head.append("X-GM-THRID: ").append(decimal).append("\r\n");
        head.append("X-Gmail-Labels: Inbox,Pressmeddelanden\r\n");
        head.append("Date: ").append(published.format(DATE_HEADER)).append("\r\n");
        head.append("From: ").append(from(sender[0], sender[1], latin1)).append("\r\n");
        head.append("To: press@feedstore.io\r\n");
        head.append("Subject: ")
                .append(encodedWord(title, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8))
                .append("\r\n");
        head.append("Message-ID: ").append(messageId).append("\r\n");
        head.append("MIME-Version: 1.0\r\n");
        String mime;
        if (latin1) {
            mime = part("text/plain; charset=ISO-8859-1", "quoted-printable", body, StandardCharsets.ISO_8859_1);
        } else if (variant == 2 || variant == 5) {
            mime = part("text/html; charset=UTF-8", "quoted-printable", html(title, body), StandardCharsets.UTF_8);
        } else if (variant == 8) {
            mime = part("text/plain; charset=UTF-8", "base64", body, StandardCharsets.UTF_8);
        } else {
            String boundary = "=_alt_" + Long.toHexString(random.nextLong());
            mime = "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                    + "This is a multi-part message in MIME format.\r\n"
                    + "--" + boundary + "\r\n"
                    + part("text/plain; charset=UTF-8", "quoted-printable", body, StandardCharsets.UTF_8)
                    + "\r\n--" + boundary + "\r\n"
                    + part("text/html; charset=UTF-8", "base64", html(title, body), StandardCharsets.UTF_8)
                    + "\r\n--" + boundary + "--\r\n";
        }
        byte[] bytes = (head + mime).getBytes(StandardCharsets.ISO_8859_1);
        return new Message(RawItemId.fromTakeoutDecimal(Long.toUnsignedString(decimal)), decimal, received, bytes);
    }

    /** Writes {@code message} to a Google Takeout mbox: its separator line, its lines with {@code From } escaped. */
    static void appendToMbox(Message message, OutputStream mbox) throws IOException {
        String separator = "From " + Long.toUnsignedString(message.decimalId()) + "@xxx "
                + message.received().atZone(ZoneOffset.UTC).format(SEPARATOR) + "\n";
        mbox.write(separator.getBytes(StandardCharsets.US_ASCII));
        String text = new String(message.rfc822(), StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n", -1)) {
            if (line.replaceFirst("^>+", "").startsWith("From ")) {
                mbox.write('>');
            }
            mbox.write(line.getBytes(StandardCharsets.ISO_8859_1));
            mbox.write('\n');
        }
    }

    /** The declared-time line of a message; every tenth has none, and its received time is used instead. */
    private String declaredLine(ZonedDateTime published, int variant) {
        ZonedDateTime sweden = published.withZoneSameInstant(STOCKHOLM);
        boolean summer = STOCKHOLM.getRules().isDaylightSavings(published.toInstant());
        return switch (variant) {
            case 0, 3 -> "Publicerad: " + sweden.format(ISO_MINUTE) + (summer ? " CEST" : " CET");
            case 1, 7 ->
                "Julkaistu: " + published.withZoneSameInstant(HELSINKI).format(NORDIC_MINUTE)
                        + (summer ? " EEST" : " EET");
            case 2 -> "Offentliggjort den " + sweden.format(ISO_MINUTE) + (summer ? " CEST" : " CET");
            case 4, 8 ->
                "Published: "
                        + published.withZoneSameInstant(ZoneOffset.ofHours(2)).format(ISO_MINUTE) + " GMT+2";
            case 5 -> "Published " + published.format(ISO_MINUTE) + " UTC";
            default -> "";
        };
    }

    private String from(String name, String address, boolean latin1) {
        if (name.isEmpty()) {
            return address;
        }
        String display = latin1 ? toLatin1(name) : name;
        boolean ascii = display.chars().allMatch(c -> c < 0x80);
        return (ascii ? "\"" + display + "\"" : encodedWord(display, latin1 ? StandardCharsets.ISO_8859_1 : UTF8))
                + " <" + address + ">";
    }

    private static final Charset UTF8 = StandardCharsets.UTF_8;

    private String html(String title, String body) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title><style>p{margin:0 0 1em}</style></head><body><table role=\"presentation\"><tr><td>")
                .append("<h1>")
                .append(escape(title))
                .append("</h1>");
        for (String paragraph : body.split("\n\n")) {
            html.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>\n");
        }
        return html.append("</td></tr></table></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String part(String contentType, String encoding, String text, Charset charset) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(charset);
        String encoded = encoding.equals("base64")
                ? Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(bytes)
                : quotedPrintable(bytes);
        return "Content-Type: " + contentType + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n" + encoded
                + "\r\n";
    }

    /** RFC 2045 quoted-printable: lines of at most 76 characters, soft breaks, CRLF kept as hard breaks. */
    static String quotedPrintable(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        int column = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                out.append("\r\n");
                column = 0;
                i++;
                continue;
            }
            boolean lineEnd = i + 1 == bytes.length || bytes[i + 1] == '\r';
            String token = (b >= 33 && b <= 126 && b != '=') || (b == ' ' && !lineEnd)
                    ? String.valueOf((char) b)
                    : String.format(Locale.ROOT, "=%02X", b);
            if (column + token.length() > 75) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(token);
            column += token.length();
        }
        return out.toString();
    }

    /** An RFC 2047 encoded word per chunk: B-encoding for UTF-8, Q-encoding for ISO-8859-1. */
    static String encodedWord(String text, Charset charset) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        if (charset.equals(StandardCharsets.UTF_8)) {
            // Chunks of whole code points, each at most 45 bytes so that the encoded word stays under 75 characters.
            int start = 0;
            while (start < text.length()) {
                int end = start;
                int bytes = 0;
                while (end < text.length()) {
                    int cp = text.codePointAt(end);
                    int width = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                    if (bytes + width > 45) {
                        break;
                    }
                    bytes += width;
                    end += Character.charCount(cp);
                }
                if (out.length() > 0) {
                    out.append("\r\n ");
                }
                out.append("=?UTF-8?B?")
                        .append(Base64.getEncoder()
                                .encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8)))
                        .append("?=");
                start = end;
            }
            return out.toString();
        }
        ByteArrayOutputStream q = new ByteArrayOutputStream();
        for (byte raw : text.getBytes(charset)) {
            int b = raw & 0xff;
            String token = b == ' '
                    ? "_"
                    : (b >= 33 && b <= 126 && b != '=' && b != '?' && b != '_')
                            ? String.valueOf((char) b)
                            : String.format(Locale.ROOT, "=%02X", b);
            if (q.size() + token.length() > 60) {
                out.append(out.length() > 0 ? "\r\n " : "")
                        .append("=?ISO-8859-1?Q?")
                        .append(q.toString(StandardCharsets.US_ASCII))
                        .append("?=");
                q.reset();
            }
            q.writeBytes(token.getBytes(StandardCharsets.US_ASCII));
        }
        return out.append(out.length() > 0 ? "\r\n " : "")
                .append("=?ISO-8859-1?Q?")
                .append(q.toString(StandardCharsets.US_ASCII))
                .append("?=")
                .toString();
    }

    /** What an older Latin-1 mailer makes of typographic text: ASCII dashes and quotes, no CJK, no emoji. */
    private static String toLatin1(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '–', '‑' -> out.append('-');
                case '“', '”' -> out.append('"');
                case '‘', '’' -> out.append('\'');
                default -> {
                    if (cp <= 0xff) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
