package io.feedstore.gcsserver;

import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * Runs the GCS test server in the foreground until killed: {@code --port N} (default 4443),
 * {@code --max-page-size N} (default 1000). Buckets are created on first use. Prints one line when ready.
 */
public final class GcsTestServerMain {

    private GcsTestServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        GcsTestServer.Options options = GcsTestServer.Options.defaults().withPort(4443).withAutoCreateBuckets(true);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> options = valid(options, o -> o.withPort(number(arg, value)));
                case "--max-page-size" -> options = valid(options, o -> o.withMaxPageSize(number(arg, value)));
                case "-h", "--help" -> {
                    System.out.println("usage: feedstore-gcs-emulator [--port N (default 4443)] [--max-page-size N]");
                    return;
                }
                default -> fail("unknown option '" + arg + "' (expected --port N or --max-page-size N)");
            }
            i++;
        }
        GcsTestServer server;
        try {
            server = GcsTestServer.start(options);
        } catch (RuntimeException e) {
            fail(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gcs-test-server-shutdown"));
        System.out.println("GCS test server ready on " + server.endpoint()
                + " (use STORAGE_EMULATOR_HOST=" + server.endpoint() + "; buckets are created on first use)");
        System.out.flush();
        stopped.await();
    }

    private static GcsTestServer.Options valid(GcsTestServer.Options options,
                                               UnaryOperator<GcsTestServer.Options> change) {
        try {
            return change.apply(options);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return options;
        }
    }

    private static int number(String option, String value) {
        if (value == null) {
            fail(option + " needs a number");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(option + " needs a number, got '" + value + "'");
            return 0;
        }
    }

    private static void fail(String message) {
        System.err.println("feedstore-gcs-emulator: " + message);
        System.exit(2);
    }
}
