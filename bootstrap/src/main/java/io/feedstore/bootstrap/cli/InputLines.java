package io.feedstore.bootstrap.cli;

import io.feedstore.bootstrap.errors.FeedstoreError;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of an ingest input, a file or stdin, read lazily as strict UTF-8: an undecodable byte stops the
 * ingest naming the line it is on, instead of silently becoming U+FFFD in a stored press release. Lines are split
 * on bytes and decoded one by one, so that the line named is the right one (a decoding reader fails a whole
 * buffer ahead). A line ends with LF or CRLF.
 */
final class InputLines implements Iterator<String>, AutoCloseable {

    private final String name;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long lineNumber;
    private String next;
    private boolean done;

    private InputLines(String name, InputStream in) {
        this.name = name;
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** {@code -} is stdin; anything else a readable file, checked now so that a typo is a usage error. */
    static InputLines open(String input, InputStream stdin) {
        if (input.equals("-")) {
            return new InputLines("stdin", stdin);
        }
        Path path;
        try {
            path = Path.of(input);
        } catch (InvalidPathException e) {
            throw FeedstoreError.configuration("input '" + input + "' is not a valid path: " + e.getReason());
        }
        if (!Files.exists(path)) {
            throw FeedstoreError.configuration("input '" + input + "' does not exist");
        }
        if (Files.isDirectory(path)) {
            throw FeedstoreError.configuration("input '" + input + "' is a directory, not a JSON Lines file");
        }
        try {
            return new InputLines("'" + input + "'", Files.newInputStream(path));
        } catch (IOException e) {
            throw FeedstoreError.configuration("input '" + input + "' cannot be read: " + e, e);
        }
    }

    /** How the input is named in messages: {@code 'file.jsonl'} or {@code stdin}. */
    String name() {
        return name;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = readLine();
            } catch (CharacterCodingException e) {
                throw FeedstoreError.failure("input " + name + " line " + (lineNumber + 1) + " is not valid UTF-8", e);
            } catch (IOException e) {
                throw FeedstoreError.failure(
                        "input " + name + " could not be read after line " + lineNumber + ": " + e.getMessage(), e);
            }
            done = next == null;
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = next;
        next = null;
        lineNumber++;
        return line;
    }

    /** The next line without its terminator, or null at the end of the input. */
    private String readLine() throws IOException {
        buffer.reset();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            buffer.write(b);
        }
        if (b == -1 && buffer.size() == 0) {
            return null;
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
