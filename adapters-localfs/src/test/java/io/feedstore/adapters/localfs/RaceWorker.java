package io.feedstore.adapters.localfs;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoredObject;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One racing feedstore process for {@link CrossProcessRaceTest}: its own JVM, its own adapter on the shared root.
 * It prints one line per outcome on stdout; anything unexpected ends it with exit code 3.
 *
 * <p>Arguments: root, worker id, rendezvous folder, number of create keys, number of same-generation keys,
 * number of successful appends to the chain object.
 */
final class RaceWorker {

    private RaceWorker() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int id = Integer.parseInt(args[1]);
        Path rendezvous = Path.of(args[2]);
        int creates = Integer.parseInt(args[3]);
        int sameGeneration = Integer.parseInt(args[4]);
        int appends = Integer.parseInt(args[5]);
        LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(root);

        // Everybody learns the starting generations before anybody replaces.
        List<Generation> starts = new ArrayList<>();
        for (int k = 0; k < sameGeneration; k++) {
            starts.add(orExit(store.read(CrossProcessRaceTest.sameKey(k))).generation());
        }
        Files.createFile(rendezvous.resolve("ready-" + id));
        Path go = rendezvous.resolve("go");
        while (!Files.exists(go)) {
            Thread.onSpinWait();
        }

        StringBuilder out = new StringBuilder();
        for (int k = 0; k < Math.max(creates, sameGeneration); k++) {
            if (k < creates) {
                Either<StoreFailure, Generation> created =
                        store.createIfAbsent(CrossProcessRaceTest.createKey(k), CrossProcessRaceTest.content(id));
                out.append("CREATE ")
                        .append(k)
                        .append(' ')
                        .append(outcome(created))
                        .append('\n');
            }
            if (k < sameGeneration) {
                Either<StoreFailure, Generation> replaced = store.replaceIfUnchanged(
                        CrossProcessRaceTest.sameKey(k), starts.get(k), CrossProcessRaceTest.content(id));
                out.append("SAME ")
                        .append(k)
                        .append(' ')
                        .append(outcome(replaced))
                        .append('\n');
            }
        }

        ObjectKey chain = CrossProcessRaceTest.CHAIN;
        int done = 0;
        while (done < appends) {
            StoredObject seen = orExit(store.read(chain));
            String line = CrossProcessRaceTest.chainLine(id, done) + "\n";
            byte[] next = (new String(seen.content(), StandardCharsets.UTF_8) + line).getBytes(StandardCharsets.UTF_8);
            Either<StoreFailure, Generation> replaced = store.replaceIfUnchanged(chain, seen.generation(), next);
            if (replaced.isRight()) {
                out.append("CHAIN ")
                        .append(seen.generation())
                        .append(' ')
                        .append(replaced.get())
                        .append('\n');
                done++;
            } else if (!(replaced.getLeft() instanceof StoreFailure.PreconditionFailed)) {
                fail(replaced.getLeft());
            }
        }
        System.out.print(out);
        System.out.flush();
    }

    private static String outcome(Either<StoreFailure, Generation> outcome) {
        if (outcome.isRight()) {
            return "WON " + outcome.get();
        }
        if (outcome.getLeft() instanceof StoreFailure.PreconditionFailed) {
            return "LOST";
        }
        fail(outcome.getLeft());
        return null;
    }

    private static <T> T orExit(Either<StoreFailure, T> outcome) {
        if (outcome.isLeft()) {
            fail(outcome.getLeft());
        }
        return outcome.get();
    }

    private static void fail(StoreFailure failure) {
        System.err.println("unexpected: " + failure.message());
        System.exit(3);
    }
}
