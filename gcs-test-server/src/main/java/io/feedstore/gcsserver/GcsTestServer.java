package io.feedstore.gcsserver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Google Cloud Storage JSON-API server for tests and local trials, on the loopback interface only. It holds
 * objects in memory with generation numbers and honours generation preconditions as Cloud Storage does, so
 * the conditions feedstore's guarantees rest on are exercised over real HTTP with the real client; and it
 * injects faults on demand ({@link #faults()}).
 */
public final class GcsTestServer implements AutoCloseable {

    /**
     * How to start: {@code port} 0 picks a free one; {@code maxPageSize} caps listing pages below Cloud Storage's
     * 1,000 so that paging is exercised; {@code autoCreateBuckets} makes any bucket name usable at once.
     */
    public record Options(int port, int maxPageSize, boolean autoCreateBuckets) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535: " + port);
            }
            if (maxPageSize < 1) {
                throw new IllegalArgumentException("maxPageSize must be positive: " + maxPageSize);
            }
        }

        public static Options defaults() {
            return new Options(0, Buckets.GCS_MAX_PAGE_SIZE, false);
        }

        public Options withPort(int port) {
            return new Options(port, maxPageSize, autoCreateBuckets);
        }

        public Options withMaxPageSize(int maxPageSize) {
            return new Options(port, maxPageSize, autoCreateBuckets);
        }

        public Options withAutoCreateBuckets(boolean autoCreateBuckets) {
            return new Options(port, maxPageSize, autoCreateBuckets);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Buckets buckets;
    private final FaultInjector faults = new FaultInjector();
    private final RequestStats stats = new RequestStats();

    static {
        // The JDK server writes response headers and body separately; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK (about 40 ms a request). Read once, when the JDK server first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private GcsTestServer(Options options) throws IOException {
        this.buckets = new Buckets(options.autoCreateBuckets());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        AtomicInteger threads = new AtomicInteger();
        // One thread per request, so a delayed request never holds up the others.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gcs-test-server-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new JsonApi(buckets, faults, stats, options.maxPageSize()));
        server.start();
    }

    public static GcsTestServer start() {
        return start(Options.defaults());
    }

    public static GcsTestServer start(Options options) {
        try {
            return new GcsTestServer(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the GCS test server on 127.0.0.1:" + options.port(), e);
        }
    }

    /** The base URL, the value for {@code STORAGE_EMULATOR_HOST}: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Creates a bucket; false when it already exists. */
    public boolean createBucket(String bucket) {
        return buckets.create(bucket);
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestStats stats() {
        return stats;
    }

    /** The names of the live objects in a bucket, in order: what is really stored, whatever a client believes. */
    public List<String> objectNames(String bucket) {
        return buckets.names(bucket);
    }

    /** The content of a live object, read directly from the server's state. */
    public Optional<byte[]> content(String bucket, String name) {
        return buckets.peek(bucket, name).map(blob -> blob.content().clone());
    }

    /** The generation of a live object, read directly from the server's state. */
    public Optional<Long> generation(String bucket, String name) {
        return buckets.peek(bucket, name).map(StoredBlob::generation);
    }

    /**
     * The content type, content encoding and cache control of a live object (keys {@code contentType},
     * {@code contentEncoding}, {@code cacheControl}, the last two only when set), read directly from the server's
     * state.
     */
    public Optional<java.util.Map<String, String>> headers(String bucket, String name) {
        return buckets.peek(bucket, name).map(blob -> {
            java.util.Map<String, String> headers = new java.util.TreeMap<>();
            headers.put("contentType", blob.contentType());
            if (blob.contentEncoding() != null) {
                headers.put("contentEncoding", blob.contentEncoding());
            }
            if (blob.cacheControl() != null) {
                headers.put("cacheControl", blob.cacheControl());
            }
            return headers;
        });
    }

    /** The custom metadata of a live object, read directly from the server's state. */
    public Optional<java.util.Map<String, String>> metadata(String bucket, String name) {
        return buckets.peek(bucket, name).map(StoredBlob::metadata);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
