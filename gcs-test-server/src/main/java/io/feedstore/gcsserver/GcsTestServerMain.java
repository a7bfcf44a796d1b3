package io.feedstore.gcsserver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * Runs the GCS test server in the foreground until killed: {@code --port N} (default 4443),
 * {@code --max-page-size N} (default 1000), and faults to watch a client survive them: {@code --latency MS} before
 * every answer, {@code --fault-rate P} of requests meeting a random 503, 429, 500, dropped connection or lost
 * answer, reproducibly from {@code --seed N} (default 1). Buckets are created on first use. Prints one line when
 * ready; a bad option is one line on stderr and exit code 2.
 */
public final class GcsTestServerMain {

    static final String USAGE = "usage: feedstore-gcs-emulator [--port N (default 4443)] [--max-page-size N]"
            + " [--latency MS] [--fault-rate P (0 to 1)] [--seed N]";

    /** What {@code --fault-rate} picks from: what Cloud Storage does when it is unwell. */
    static final List<Fault> RANDOM_FAULTS = List.of(
            new Fault.Status(503, "backendError", "Service Unavailable (injected)"),
            new Fault.Status(429, "rateLimitExceeded", "Too Many Requests (injected)"),
            new Fault.Status(500, "internalError", "Internal Error (injected)"),
            new Fault.DropConnection(),
            new Fault.DropResponse());

    private GcsTestServerMain() {}

    /** The command line, parsed: the server's options and the faults to inject. */
    record Config(GcsTestServer.Options options, Duration latency, double faultRate, long seed) {

        /** Applies the latency and fault rate to a running server. */
        void applyTo(FaultInjector faults) {
            faults.latency(latency);
            if (faultRate > 0) {
                faults.randomly(faultRate, seed, RANDOM_FAULTS);
            }
        }

        String describe() {
            return (latency.isZero() ? "" : "; " + latency.toMillis() + " ms latency")
                    + (faultRate == 0 ? "" : "; " + faultRate + " of requests meet a random fault (seed " + seed + ")");
        }
    }

    /** Thrown for a bad command line: its message is the one line to print. */
    static final class BadOption extends RuntimeException {
        BadOption(String message) {
            super(message, null, false, false);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        try {
            config = parse(args);
        } catch (BadOption e) {
            fail(e.getMessage());
            return;
        }
        if (config == null) {
            System.out.println(USAGE);
            return;
        }
        GcsTestServer server;
        try {
            server = GcsTestServer.start(config.options());
        } catch (RuntimeException e) {
            fail(e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return;
        }
        config.applyTo(server.faults());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "gcs-test-server-shutdown"));
        System.out.println("GCS test server ready on " + server.endpoint()
                + " (use STORAGE_EMULATOR_HOST=" + server.endpoint() + "; buckets are created on first use"
                + config.describe() + ")");
        System.out.flush();
        stopped.await();
    }

    /** The configuration {@code args} ask for, or null for {@code --help}. */
    static Config parse(String[] args) {
        GcsTestServer.Options options =
                GcsTestServer.Options.defaults().withPort(4443).withAutoCreateBuckets(true);
        Duration latency = Duration.ZERO;
        double faultRate = 0;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> options = valid(options, o -> o.withPort(number(arg, value)));
                case "--max-page-size" -> options = valid(options, o -> o.withMaxPageSize(number(arg, value)));
                case "--latency" -> {
                    int ms = number(arg, value);
                    if (ms < 0 || ms > 600_000) {
                        throw new BadOption("--latency " + ms + " is not accepted: use milliseconds, 0 to 600000");
                    }
                    latency = Duration.ofMillis(ms);
                }
                case "--fault-rate" -> faultRate = probability(arg, value);
                case "--seed" -> seed = longNumber(arg, value);
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new BadOption("unknown option '" + arg + "' (" + USAGE + ")");
            }
            i++;
        }
        return new Config(options, latency, faultRate, seed);
    }

    private static GcsTestServer.Options valid(
            GcsTestServer.Options options, UnaryOperator<GcsTestServer.Options> change) {
        try {
            return change.apply(options);
        } catch (IllegalArgumentException e) {
            throw new BadOption(e.getMessage());
        }
    }

    private static int number(String option, String value) {
        if (value == null) {
            throw new BadOption(option + " needs a number");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadOption(option + " needs a number, got '" + value + "'");
        }
    }

    private static long longNumber(String option, String value) {
        if (value == null) {
            throw new BadOption(option + " needs a number");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadOption(option + " needs a number, got '" + value + "'");
        }
    }

    private static double probability(String option, String value) {
        if (value == null) {
            throw new BadOption(option + " needs a probability from 0 to 1");
        }
        double p;
        try {
            p = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadOption(option + " needs a probability from 0 to 1, got '" + value + "'");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new BadOption(option + " needs a probability from 0 to 1, got '" + value + "'");
        }
        return p;
    }

    private static void fail(String message) {
        PrintStream err = System.err;
        err.println("feedstore-gcs-emulator: " + message);
        System.exit(2);
    }
}
