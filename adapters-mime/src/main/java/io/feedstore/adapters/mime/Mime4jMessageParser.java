package io.feedstore.adapters.mime;

import io.feedstore.domain.bronze.MessageParser;
import io.feedstore.domain.bronze.ParsedMessage;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The message-parser port on mime4j's event parser. mime4j (rather than Jakarta Mail) because it is a push parser
 * over a stream: bodies arrive one at a time as streams, and a part nobody reads (an attachment) is skipped, never
 * buffered; Jakarta Mail's {@code MimeMessage} keeps the whole message in memory unless given a shared file.
 * An attached {@code message/rfc822} is one opaque part: its headers and text belong to another message.
 */
public final class Mime4jMessageParser implements MessageParser {

    /** The most characters kept of one text part; the original bytes stay whole in bronze. */
    static final int MAX_TEXT_CHARS = 8 * 1024 * 1024;

    /** Lenient about malformed input; no limit on the length of a message, since bodies are streamed, not held. */
    private static final MimeConfig CONFIG =
            MimeConfig.copy(MimeConfig.PERMISSIVE).setMaxContentLen(-1).build();

    @Override
    public Either<String, ParsedMessage> parse(InputStream rfc822) {
        Collector collector = new Collector();
        MimeStreamParser parser = new MimeStreamParser(CONFIG);
        parser.setContentDecoding(true);
        parser.setContentHandler(collector);
        try {
            parser.parse(rfc822);
        } catch (MimeException | IOException | RuntimeException e) {
            return Either.left("not a readable RFC 822 message: " + oneLine(e));
        }
        if (collector.top.isEmpty()) {
            return Either.left("not an RFC 822 message: no header fields");
        }
        return Either.right(collector.result());
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ");
    }

    /** Collects the outermost headers and the first readable text bodies as the parser streams past them. */
    private static final class Collector extends AbstractContentHandler {
        /** Header fields of the outermost message, names in lower case, first occurrence kept. */
        private final Map<String, String> top = new LinkedHashMap<>();

        private Map<String, String> current = new LinkedHashMap<>();
        private boolean topHeaderDone;
        private String plain;
        private String html;

        @Override
        public void startHeader() {
            current = new LinkedHashMap<>();
        }

        @Override
        public void field(Field field) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            current.putIfAbsent(name, HeaderText.decode(field));
        }

        @Override
        public void endHeader() {
            if (!topHeaderDone) {
                top.putAll(current);
                topHeaderDone = true;
            }
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream body) throws IOException {
            if (isAttachment(current)) {
                return;
            }
            String type = descriptor.getMimeType().toLowerCase(Locale.ROOT);
            if (type.equals("text/plain") && plain == null) {
                plain = read(body, descriptor.getCharset());
            } else if (type.equals("text/html") && html == null) {
                html = read(body, descriptor.getCharset());
            }
        }

        ParsedMessage result() {
            return new ParsedMessage(
                    header("from"),
                    header("subject"),
                    header("message-id"),
                    header("x-gm-msgid"),
                    header("date"),
                    Option.of(plain),
                    Option.of(html));
        }

        private Option<String> header(String name) {
            return Option.of(top.get(name)).map(String::strip).filter(s -> !s.isEmpty());
        }

        private static boolean isAttachment(Map<String, String> headers) {
            String disposition = headers.getOrDefault("content-disposition", "")
                    .toLowerCase(Locale.ROOT)
                    .strip();
            return disposition.startsWith("attachment") || disposition.contains("filename");
        }

        private static String read(InputStream body, String charsetName) throws IOException {
            CharsetDecoder decoder = charset(charsetName)
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            try (Reader reader = new InputStreamReader(body, decoder)) {
                int n;
                while ((n = reader.read(buffer)) >= 0 && text.length() < MAX_TEXT_CHARS) {
                    text.append(buffer, 0, Math.min(n, MAX_TEXT_CHARS - text.length()));
                }
            }
            return text.toString().replace("\r\n", "\n").replace('\r', '\n');
        }

        /** The declared charset; UTF-8 (a superset of the RFC's US-ASCII default) when missing or unknown. */
        private static Charset charset(String name) {
            if (name == null || name.isBlank()) {
                return StandardCharsets.UTF_8;
            }
            try {
                return Charset.forName(name.strip());
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
    }

    /** A header field's text: raw bytes as UTF-8 (8-bit headers are common), unfolded, RFC 2047 words decoded. */
    static final class HeaderText {
        private HeaderText() {}

        static String decode(Field field) {
            String body = field.getRaw() == null ? field.getBody() : rawBody(field);
            String unfolded =
                    body.replaceAll("\r?\n[ \t]+", " ").replace("\r", "").replace("\n", "");
            return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT);
        }

        private static String rawBody(Field field) {
            byte[] raw = field.getRaw().toByteArray();
            String text = Utf8.decodeOrLatin1(raw);
            int colon = text.indexOf(':');
            return colon < 0 ? field.getBody() : text.substring(colon + 1).strip();
        }
    }

    /** Header bytes are UTF-8 when they are valid UTF-8, else ISO-8859-1 (which any byte sequence is). */
    static final class Utf8 {
        private Utf8() {}

        static String decodeOrLatin1(byte[] bytes) {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
    }
}
