package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.ObjectAttributes;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The attributes an object was created with, in a hidden file {@code .<name>.attributes} next to it (hidden names
 * are never listed and never keys). Written and removed only under the store lock: before the object is published
 * (so an object never shows without them), and whenever an object at that name is replaced or deleted (so a new
 * object never inherits another's). A left-over of a crash before publication belongs to no object and is
 * overwritten or removed by the next write of the name.
 */
final class ObjectSidecar {

    private static final String CONTENT_TYPE = "content-type";
    private static final String CONTENT_ENCODING = "content-encoding";
    private static final String NO_TRANSFORM = "no-transform";
    private static final String META = "meta.";
    private static final String SUFFIX = ".attributes";
    /** File systems allow 255 bytes per name; a little is kept in hand. */
    private static final int MAX_NAME_BYTES = 240;

    private ObjectSidecar() {}

    /**
     * {@code .<name>.attributes}; for a name too long for that to fit the file system's limit,
     * {@code ..<sha-256 of the name>.attributes}, which no short name can give (no key segment starts with '.').
     */
    static Path of(Path objectFile) {
        String name = objectFile.getFileName().toString();
        String sidecar = "." + name + SUFFIX;
        if (sidecar.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return objectFile.resolveSibling(sidecar);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return objectFile.resolveSibling(".." + HexFormat.of().formatHex(digest) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Writes and fsyncs the attributes of the object about to be published at {@code objectFile}. */
    static void write(Path objectFile, ObjectAttributes attributes) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(CONTENT_TYPE, attributes.contentType());
        attributes.contentEncoding().forEach(e -> properties.setProperty(CONTENT_ENCODING, e));
        properties.setProperty(NO_TRANSFORM, Boolean.toString(attributes.noTransform()));
        attributes.metadata().forEach((k, v) -> properties.setProperty(META + k, v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        properties.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        try (FileChannel channel = FileChannel.open(
                of(objectFile),
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(out.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Removes the attributes kept for {@code objectFile}, if any. */
    static void remove(Path objectFile) throws IOException {
        Files.deleteIfExists(of(objectFile));
    }

    /** The attributes kept for {@code objectFile}, or none. */
    static Option<ObjectAttributes> read(Path objectFile) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(of(objectFile), LinkOption.NOFOLLOW_LINKS)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return Option.none();
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> metadata = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(META)) {
                metadata.put(name.substring(META.length()), properties.getProperty(name));
            }
        }
        try {
            return Option.of(new ObjectAttributes(
                    properties.getProperty(CONTENT_TYPE, ObjectAttributes.NONE.contentType()),
                    Option.of(properties.getProperty(CONTENT_ENCODING)),
                    Boolean.parseBoolean(properties.getProperty(NO_TRANSFORM)),
                    metadata));
        } catch (IllegalArgumentException damaged) {
            throw new StoreRefusal(of(objectFile) + " does not hold valid attributes: " + damaged.getMessage());
        }
    }
}
