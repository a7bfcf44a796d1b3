package io.feedstore.adapters.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several feedstore processes (child JVMs, each with its own adapter) race on one directory: conditional writes
 * have exactly one winner and no successful write is lost.
 */
class CrossProcessRaceTest {

    static final ObjectKey CHAIN = ObjectKey.of("race/chain.txt");
    private static final int WORKERS = 3;
    private static final int CREATES = 40;
    private static final int SAME_GENERATION = 40;
    private static final int APPENDS = 15;

    @TempDir
    Path directory;

    static ObjectKey createKey(int k) {
        return ObjectKey.of("race/create/" + k + "/object.bin");
    }

    static ObjectKey sameKey(int k) {
        return ObjectKey.of("race/same/" + k + ".bin");
    }

    static byte[] content(int worker) {
        return ("written by worker " + worker).getBytes(StandardCharsets.UTF_8);
    }

    static String chainLine(int worker, int n) {
        return "worker " + worker + " append " + n;
    }

    @Test
    void processesRacingOnOneDirectoryHaveOneWinnerPerConditionAndLoseNoWrite() throws Exception {
        Path root = directory.resolve("store");
        Path rendezvous = Files.createDirectory(directory.resolve("rendezvous"));
        LocalFileSystemObjectStore store = new LocalFileSystemObjectStore(root);
        Map<Integer, Generation> sameStarts = new HashMap<>();
        for (int k = 0; k < SAME_GENERATION; k++) {
            sameStarts.put(
                    k,
                    store.createIfAbsent(sameKey(k), "start".getBytes(StandardCharsets.UTF_8))
                            .get());
        }
        Generation chainStart = store.createIfAbsent(CHAIN, new byte[0]).get();

        List<Process> workers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (int id = 0; id < WORKERS; id++) {
                Path output = directory.resolve("worker-" + id + ".out");
                outputs.add(output);
                workers.add(new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Xshare:auto",
                                "-XX:TieredStopAtLevel=1",
                                RaceWorker.class.getName(),
                                root.toString(),
                                Integer.toString(id),
                                rendezvous.toString(),
                                Integer.toString(CREATES),
                                Integer.toString(SAME_GENERATION),
                                Integer.toString(APPENDS))
                        .redirectOutput(output.toFile())
                        .redirectError(
                                directory.resolve("worker-" + id + ".err").toFile())
                        .start());
            }
            awaitReady(rendezvous, workers);
            Files.createFile(rendezvous.resolve("go"));
            for (int id = 0; id < WORKERS; id++) {
                assertThat(workers.get(id).waitFor(60, TimeUnit.SECONDS))
                        .as("worker %d finished", id)
                        .isTrue();
                assertThat(workers.get(id).exitValue())
                        .as(
                                "worker %d exit code; stderr: %s",
                                id, Files.readString(directory.resolve("worker-" + id + ".err")))
                        .isZero();
            }
        } finally {
            workers.forEach(Process::destroyForcibly);
        }

        Map<String, List<String[]>> linesByKind = new HashMap<>();
        for (int id = 0; id < WORKERS; id++) {
            for (String line : Files.readAllLines(outputs.get(id))) {
                String[] fields = (id + " " + line).split(" ");
                linesByKind
                        .computeIfAbsent(fields[1], kind -> new ArrayList<>())
                        .add(fields);
            }
        }

        assertOneWinnerEach(
                "CREATE",
                CREATES,
                linesByKind.get("CREATE"),
                k -> store.read(createKey(k)).get());
        assertOneWinnerEach(
                "SAME",
                SAME_GENERATION,
                linesByKind.get("SAME"),
                k -> store.read(sameKey(k)).get());
        for (int k = 0; k < SAME_GENERATION; k++) {
            assertThat(store.read(sameKey(k)).get().generation()).isNotEqualTo(sameStarts.get(k));
        }
        assertChainLostNothing(
                linesByKind.get("CHAIN"), chainStart, store.read(CHAIN).get());
    }

    private interface Reader {
        StoredObject read(int k);
    }

    private static void assertOneWinnerEach(String kind, int keys, List<String[]> lines, Reader reader) {
        assertThat(lines).as("%s outcomes", kind).hasSize(keys * WORKERS);
        for (int k = 0; k < keys; k++) {
            String key = Integer.toString(k);
            List<String[]> winners = lines.stream()
                    .filter(f -> f[2].equals(key) && f[3].equals("WON"))
                    .toList();
            assertThat(winners).as("%s winners for key %d", kind, k).hasSize(1);
            String[] winner = winners.get(0);
            StoredObject stored = reader.read(k);
            assertThat(stored.content())
                    .as("%s key %d holds the winner's content", kind, k)
                    .isEqualTo(content(Integer.parseInt(winner[0])));
            assertThat(stored.generation()).isEqualTo(Generation.of(winner[4]));
        }
    }

    /** Every successful replace extends one chain of generations, so the final content holds every append. */
    private static void assertChainLostNothing(List<String[]> lines, Generation start, StoredObject last) {
        assertThat(lines).hasSize(WORKERS * APPENDS);
        Map<String, String> next = new HashMap<>();
        for (String[] fields : lines) {
            assertThat(next.put(fields[2], fields[3]))
                    .as("two replaces won from generation %s", fields[2])
                    .isNull();
        }
        String generation = start.token();
        int steps = 0;
        while (next.containsKey(generation)) {
            generation = next.get(generation);
            steps++;
        }
        assertThat(steps).as("length of the chain of generations").isEqualTo(WORKERS * APPENDS);
        assertThat(last.generation()).isEqualTo(Generation.of(generation));

        List<String> stored = List.of(new String(last.content(), StandardCharsets.UTF_8).split("\n"));
        assertThat(stored).hasSize(WORKERS * APPENDS);
        for (int id = 0; id < WORKERS; id++) {
            int worker = id;
            assertThat(stored.stream().filter(line -> line.startsWith("worker " + worker + " ")))
                    .containsExactlyElementsOf(IntStream.range(0, APPENDS)
                            .mapToObj(n -> chainLine(worker, n))
                            .toList());
        }
    }

    private static void awaitReady(Path rendezvous, List<Process> workers) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int id = 0; id < workers.size(); id++) {
            while (!Files.exists(rendezvous.resolve("ready-" + id))) {
                assertThat(workers.get(id).isAlive())
                        .as("worker %d is alive", id)
                        .isTrue();
                assertThat(System.nanoTime()).as("workers ready in time").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }
}
