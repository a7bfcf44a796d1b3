package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.WriteCondition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A feedstore process for {@link AbandonedTemporariesTest} that stops in the middle of writing an object: it
 * writes half the content into its temporary, then waits until the file {@code go} exists (or until killed).
 *
 * <p>Arguments: root, key, go file.
 */
final class StallingWriter {

    static final String HALF = "Åsa Lindqvist – “first half”, ";
    static final String REST = "Jyväskylä – 東京 🦌";

    private StallingWriter() {}

    public static void main(String[] args) {
        LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(Path.of(args[0]));
        Path go = Path.of(args[2]);
        var written = store.write(ObjectKey.of(args[1]), WriteCondition.ifAbsent(), out -> {
            out.write(HALF.getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!Files.exists(go)) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            out.write(REST.getBytes(StandardCharsets.UTF_8));
        });
        System.exit(written.isRight() ? 0 : 3);
    }
}
