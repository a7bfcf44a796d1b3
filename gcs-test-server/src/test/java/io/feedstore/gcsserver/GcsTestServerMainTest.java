package io.feedstore.gcsserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ./feedstore-gcs-emulator}'s fault options reach the running server, and a bad one is refused. */
class GcsTestServerMainTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status code, or -1 when the connection dropped or no answer came. */
    private int status(URI endpoint) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/storage/v1/b/jyvaskyla-feed/o"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static GcsTestServer start(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", "0"));
        GcsTestServerMain.Config config = GcsTestServerMain.parse(all.toArray(String[]::new));
        GcsTestServer server = GcsTestServer.start(config.options());
        config.applyTo(server.faults());
        return server;
    }

    @Test
    void latencyDelaysEveryAnswerByAtLeastThatMuch() throws Exception {
        try (GcsTestServer server = start("--latency", "300")) {
            long started = System.nanoTime();
            assertThat(status(server.endpoint())).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void theFaultRateIsTheShareOfRequestsMeetingAFaultAndTheSeedMakesThemReproducible() throws Exception {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        try (GcsTestServer all = start("--fault-rate", "1", "--seed", "7")) {
            for (int i = 0; i < 20; i++) {
                first.add(status(all.endpoint()));
            }
        }
        try (GcsTestServer again = start("--fault-rate", "1", "--seed", "7")) {
            for (int i = 0; i < 20; i++) {
                second.add(status(again.endpoint()));
            }
        }
        try (GcsTestServer none = start("--fault-rate", "0")) {
            assertThat(status(none.endpoint())).isEqualTo(200);
        }

        assertThat(first).allSatisfy(s -> assertThat(s).isIn(503, 429, 500, -1)).isEqualTo(second);
        assertThat(first).contains(503, 429, 500, -1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --fault-rate 1.5  | --fault-rate needs a probability from 0 to 1, got '1.5'
            --fault-rate lots | --fault-rate needs a probability from 0 to 1, got 'lots'
            --latency -5      | --latency -5 is not accepted: use milliseconds, 0 to 600000
            --seed 0x10       | --seed needs a number, got '0x10'
            --fault-ratio 0.1 | unknown option '--fault-ratio'
            """)
    void aBadOptionIsOneLineOnStderrAndExitCodeTwo(String args, String expected) throws Exception {
        assertThatThrownBy(() -> GcsTestServerMain.parse(args.split(" "))).hasMessageStartingWith(expected);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), GcsTestServerMain.class.getName()));
        command.addAll(List.of(args.split(" ")));
        Process child = new ProcessBuilder(command).start();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList())
                .singleElement()
                .asString()
                .isEqualTo("feedstore-gcs-emulator: " + expected
                        + (expected.startsWith("unknown") ? " (" + GcsTestServerMain.USAGE + ")" : ""));
    }
}
