package io.feedstore.application;

import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.SpillSpace;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The RFC 822 bytes of one message: in memory when small, else spilled to a temporary file while the mailbox is
 * read, so that a message with a large attachment is never held whole. It can be read as often as needed (parsed,
 * hashed, archived); whoever receives it closes it, which removes a spilled file.
 */
public sealed interface MessageBytes extends Closeable {

    /** Messages up to this size stay in memory; larger ones are spilled. */
    int IN_MEMORY_LIMIT = 2 * 1024 * 1024;

    long size();

    /** A new stream over the whole message. */
    InputStream open() throws IOException;

    /** The message produced into a store's stream, for a streamed create. */
    default ContentWriter writer() {
        return out -> {
            try (InputStream in = open()) {
                in.transferTo(out);
            }
        };
    }

    /** The SHA-256 of the bytes, computed as they stream past. */
    default byte[] sha256() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(open(), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    static MessageBytes of(byte[] bytes) {
        return new InMemory(bytes);
    }

    /**
     * Reads {@code message} to its end: kept in memory up to {@code inMemoryLimit} bytes, else written to a file of
     * {@code spill} with the bytes already read. If reading fails, nothing is left behind.
     */
    static MessageBytes read(InputStream message, SpillSpace spill, int inMemoryLimit) throws IOException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(spill, "spill");
        byte[] head = message.readNBytes(inMemoryLimit + 1);
        if (head.length <= inMemoryLimit) {
            return new InMemory(head);
        }
        SpillSpace.SpillFile file = spill.create();
        try {
            long size = head.length;
            try (OutputStream out = file.output()) {
                out.write(head);
                size += message.transferTo(out);
            }
            return new Spilled(file, size);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** A small message, held as an array (sent to the store in one request). */
    record InMemory(byte[] bytes) implements MessageBytes {
        public InMemory {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }

    /** A large message in a temporary file, streamed to the store; closing removes the file. */
    record Spilled(SpillSpace.SpillFile file, long size) implements MessageBytes {
        public Spilled {
            Objects.requireNonNull(file, "file");
            if (size < 0) {
                throw new IllegalArgumentException("size " + size + " must not be negative");
            }
        }

        @Override
        public InputStream open() throws IOException {
            return file.input();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
