package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.Generation;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The generation of an object file, read from its attributes: the stamp {@link GenerationClock} gave it as its
 * modification time, the file's identity (device and inode) and its size, as {@code stamp-identity-size}.
 */
final class FileGeneration {

    private FileGeneration() {}

    static Generation of(BasicFileAttributes attributes) {
        long stamp = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        return Generation.of(stamp + "-" + identity(attributes.fileKey()) + "-" + attributes.size());
    }

    private static String identity(Object fileKey) {
        if (fileKey == null) {
            return "0";
        }
        // On Unix "(dev=fe00,ino=2149242)" becomes "fe00.2149242"; the token stays one word in messages.
        String identity = fileKey.toString()
                .replace("dev=", "")
                .replace("ino=", "")
                .replaceAll("[^0-9A-Za-z,]", "")
                .replace(',', '.');
        return identity.isEmpty() ? "0" : identity;
    }
}
