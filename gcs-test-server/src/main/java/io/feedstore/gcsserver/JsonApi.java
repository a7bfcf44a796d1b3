package io.feedstore.gcsserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The Cloud Storage JSON API ({@code storage/v1}) for objects, as the Java client uses it: multipart, media and
 * resumable uploads, metadata and {@code alt=media} reads (with ranges), listings, deletes, generation
 * preconditions, and the JSON error bodies the client parses. Anything else answers 501, so a client call this
 * server does not implement fails loudly instead of being half-emulated.
 */
final class JsonApi implements HttpHandler {

    private static final DateTimeFormatter RFC_3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private record Request(
            String method, String path, Map<String, String> query, Headers headers, byte[] body, String baseUrl) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, Object value) {
            return new Response(
                    status,
                    Map.of("Content-Type", "application/json; charset=UTF-8"),
                    Json.write(value).getBytes(StandardCharsets.UTF_8));
        }

        static Response empty(int status, Map<String, String> headers) {
            return new Response(status, headers, new byte[0]);
        }
    }

    /** A resumable upload in progress: what was announced when it began, and the bytes persisted so far. */
    private static final class Session {
        final String bucket;
        final String name;
        final String contentType;
        final String contentEncoding;
        final String cacheControl;
        final Map<String, String> metadata;
        final Preconditions conditions;
        final String expectedCrc32c;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        StoredBlob result;
        ApiError failure;

        Session(
                String bucket,
                String name,
                String contentType,
                String contentEncoding,
                String cacheControl,
                Map<String, String> metadata,
                Preconditions conditions,
                String expectedCrc32c) {
            this.bucket = bucket;
            this.name = name;
            this.contentType = contentType;
            this.contentEncoding = contentEncoding;
            this.cacheControl = cacheControl;
            this.metadata = metadata;
            this.conditions = conditions;
            this.expectedCrc32c = expectedCrc32c;
        }
    }

    private final Buckets buckets;
    private final FaultInjector faults;
    private final RequestStats stats;
    private final int maxPageSize;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    JsonApi(Buckets buckets, FaultInjector faults, RequestStats stats, int maxPageSize) {
        this.buckets = buckets;
        this.faults = faults;
        this.stats = stats;
        this.maxPageSize = maxPageSize;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query;
        try {
            query = query(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException malformed) {
            try {
                send(exchange, error(ApiError.badRequest("malformed query: " + malformed.getMessage())));
            } finally {
                exchange.close();
            }
            return;
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Operation operation = classify(method, path, query);
        stats.begin(operation);
        boolean counted = true;
        try {
            // Read the whole request first, so that a fault never leaves the client blocked while sending.
            byte[] body = readBody(exchange);
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                sleep(new Fault.Delay(latency));
            }
            Fault fault = faults.take(operation);
            if (fault instanceof Fault.DropConnection) {
                return;
            }
            if (fault instanceof Fault.Delay delay) {
                sleep(delay);
            }
            Response response;
            if (fault instanceof Fault.Status status) {
                response = error(new ApiError(status.code(), status.reason(), status.message()));
            } else {
                response = respond(
                        new Request(method, path, query, exchange.getRequestHeaders(), body, baseUrl(exchange)));
            }
            if (fault instanceof Fault.DropResponse) {
                return;
            }
            // Done before answering: once the answer is out, the client may already send its next request,
            // which must not count as overlapping this one.
            stats.end();
            counted = false;
            send(exchange, response);
        } catch (IOException clientWentAway) {
            // Nothing to answer to.
        } finally {
            if (counted) {
                stats.end();
            }
            // Without response headers sent, closing the exchange closes the connection: that is the drop.
            exchange.close();
        }
    }

    private Response respond(Request request) {
        try {
            return route(request);
        } catch (ApiError e) {
            return error(e);
        } catch (IllegalArgumentException e) {
            return error(ApiError.badRequest(e.getMessage()));
        } catch (RuntimeException e) {
            // A bug here must not pass for an injected fault: say so loudly, on stderr and in the answer.
            e.printStackTrace();
            return error(new ApiError(500, "internalError", "GCS test server bug: " + e));
        }
    }

    private Response route(Request r) {
        String path = r.path();
        if (path.startsWith("/upload/storage/v1/b/")) {
            String[] parts = path.substring("/upload/storage/v1/b/".length()).split("/", -1);
            if (parts.length == 2 && parts[1].equals("o")) {
                String bucket = decodePath(parts[0]);
                String uploadType = r.query().getOrDefault("uploadType", "");
                if (r.method().equals("POST")) {
                    return switch (uploadType) {
                        case "multipart" -> multipartUpload(r, bucket);
                        case "media" -> mediaUpload(r, bucket);
                        case "resumable" -> startResumable(r, bucket);
                        default -> throw ApiError.badRequest("Unknown uploadType: '" + uploadType + "'");
                    };
                }
                if (uploadType.equals("resumable") && r.query().containsKey("upload_id")) {
                    if (r.method().equals("PUT")) {
                        return resumableChunk(r);
                    }
                    if (r.method().equals("DELETE")) {
                        return cancelResumable(r);
                    }
                }
            }
            return notImplemented(r);
        }
        boolean downloadPath = path.startsWith("/download/storage/v1/b/");
        if (downloadPath || path.equals("/storage/v1/b") || path.startsWith("/storage/v1/b/")) {
            String rest = path.substring(downloadPath ? "/download/storage/v1/b".length() : "/storage/v1/b".length());
            if (rest.isEmpty() || rest.equals("/")) {
                return r.method().equals("POST") ? createBucket(r) : notImplemented(r);
            }
            rest = rest.substring(1);
            int slash = rest.indexOf('/');
            String bucket = decodePath(slash < 0 ? rest : rest.substring(0, slash));
            String after = slash < 0 ? "" : rest.substring(slash);
            if (after.isEmpty()) {
                return r.method().equals("GET") ? getBucket(r, bucket) : notImplemented(r);
            }
            if (after.equals("/o") || after.equals("/o/")) {
                return r.method().equals("GET") ? list(r, bucket) : notImplemented(r);
            }
            if (after.startsWith("/o/")) {
                String name = decodePath(after.substring(3));
                switch (r.method()) {
                    case "GET":
                        return downloadPath || "media".equals(r.query().get("alt"))
                                ? download(r, bucket, name)
                                : metadata(r, bucket, name);
                    case "DELETE":
                        buckets.delete(bucket, name, generation(r), Preconditions.from(r.query()));
                        return Response.empty(204, Map.of());
                    default:
                        return notImplemented(r);
                }
            }
        }
        return notImplemented(r);
    }

    private Response multipartUpload(Request r, String bucket) {
        List<Multipart.Part> parts = Multipart.parse(r.body(), Multipart.boundary(r.header("Content-Type")));
        if (parts.size() != 2) {
            throw ApiError.badRequest("a multipart upload has two parts (metadata, media), got " + parts.size());
        }
        Map<String, Object> resource = Json.parseObject(new String(parts.get(0).body(), StandardCharsets.UTF_8));
        String name = objectName(r, resource);
        byte[] content = parts.get(1).body();
        String contentType = firstNonNull(
                string(resource, "contentType"),
                parts.get(1).headers().get("content-type"),
                "application/octet-stream");
        verifyHashes(content, string(resource, "crc32c"), string(resource, "md5Hash"));
        StoredBlob blob = buckets.insert(
                bucket,
                name,
                content,
                contentType,
                string(resource, "contentEncoding"),
                string(resource, "cacheControl"),
                metadata(resource),
                Preconditions.from(r.query()));
        return Response.json(200, resource(blob, r.baseUrl()));
    }

    private Response mediaUpload(Request r, String bucket) {
        String name = objectName(r, Map.of());
        String contentType = firstNonNull(r.header("Content-Type"), "application/octet-stream", null);
        StoredBlob blob = buckets.insert(
                bucket, name, r.body(), contentType, null, null, Map.of(), Preconditions.from(r.query()));
        return Response.json(200, resource(blob, r.baseUrl()));
    }

    private Response startResumable(Request r, String bucket) {
        Map<String, Object> resource =
                r.body().length == 0 ? Map.of() : Json.parseObject(new String(r.body(), StandardCharsets.UTF_8));
        String name = objectName(r, resource);
        Preconditions conditions = Preconditions.from(r.query());
        buckets.check(bucket, name, conditions);
        String contentType = firstNonNull(
                string(resource, "contentType"), r.header("X-Upload-Content-Type"), "application/octet-stream");
        String id = UUID.randomUUID().toString().replace("-", "");
        sessions.put(
                id,
                new Session(
                        bucket,
                        name,
                        contentType,
                        string(resource, "contentEncoding"),
                        string(resource, "cacheControl"),
                        metadata(resource),
                        conditions,
                        string(resource, "crc32c")));
        String location = r.baseUrl() + "/upload/storage/v1/b/" + encodePath(bucket) + "/o?uploadType=resumable"
                + "&name=" + encodePath(name) + "&upload_id=" + id;
        return Response.empty(200, Map.of("Location", location));
    }

    /**
     * One PUT of a resumable session. {@code Content-Range: bytes A-B/T} (T may be '*') sends bytes;
     * {@code bytes *}{@code /T} asks for the status. 308 with {@code Range: bytes=0-N} means "persisted up to N,
     * go on"; once T bytes are persisted the object is created (conditions checked now) and returned.
     */
    private Response resumableChunk(Request r) {
        Session session = sessions.get(r.query().get("upload_id"));
        if (session == null) {
            throw new ApiError(404, "notFound", "No such upload session.");
        }
        String contentRange = r.header("Content-Range");
        if (contentRange == null || !contentRange.startsWith("bytes ")) {
            throw ApiError.badRequest("a resumable upload PUT needs Content-Range: bytes ..., got: " + contentRange);
        }
        String spec = contentRange.substring("bytes ".length()).trim();
        int slash = spec.indexOf('/');
        if (slash < 0) {
            throw ApiError.badRequest("malformed Content-Range: " + contentRange);
        }
        String range = spec.substring(0, slash);
        String total = spec.substring(slash + 1);
        synchronized (session) {
            if (session.failure != null) {
                throw session.failure;
            }
            if (session.result != null) {
                return Response.json(200, resource(session.result, r.baseUrl()));
            }
            long persisted = session.data.size();
            if (!range.equals("*")) {
                int dash = range.indexOf('-');
                long first;
                long last;
                try {
                    first = Long.parseLong(range.substring(0, dash));
                    last = Long.parseLong(range.substring(dash + 1));
                } catch (RuntimeException e) {
                    throw ApiError.badRequest("malformed Content-Range: " + contentRange);
                }
                if (last < first || r.body().length != last - first + 1) {
                    throw ApiError.badRequest(
                            "Content-Range " + contentRange + " does not match the " + r.body().length + " bytes sent");
                }
                if (first > persisted) {
                    return new Response(
                            503,
                            Map.of("Content-Type", "text/plain; charset=utf-8"),
                            ("Invalid request. According to the Content-Range header, the upload offset is " + first
                                            + " byte(s), which exceeds already uploaded size of " + persisted
                                            + " byte(s).")
                                    .getBytes(StandardCharsets.UTF_8));
                }
                int skip = (int) Math.min(persisted - first, r.body().length);
                session.data.write(r.body(), skip, r.body().length - skip);
            } else if (r.body().length > 0) {
                throw ApiError.badRequest("Content-Range " + contentRange + " with a body");
            }
            long size = session.data.size();
            if (!total.equals("*")) {
                long expected;
                try {
                    expected = Long.parseLong(total);
                } catch (NumberFormatException e) {
                    throw ApiError.badRequest("malformed Content-Range: " + contentRange);
                }
                if (size > expected) {
                    throw ApiError.badRequest("received " + size + " bytes, more than the announced " + expected);
                }
                if (size == expected) {
                    return finish(session, r);
                }
            }
            return size == 0
                    ? Response.empty(308, Map.of())
                    : Response.empty(308, Map.of("Range", "bytes=0-" + (size - 1)));
        }
    }

    private Response finish(Session session, Request r) {
        byte[] content = session.data.toByteArray();
        try {
            verifyHashes(
                    content,
                    firstNonNull(hashFromHeader(r.header("x-goog-hash"), "crc32c"), session.expectedCrc32c, null),
                    hashFromHeader(r.header("x-goog-hash"), "md5"));
            session.result = buckets.insert(
                    session.bucket,
                    session.name,
                    content,
                    session.contentType,
                    session.contentEncoding,
                    session.cacheControl,
                    session.metadata,
                    session.conditions);
        } catch (ApiError e) {
            session.failure = e;
            throw e;
        }
        return Response.json(200, resource(session.result, r.baseUrl()));
    }

    private Response cancelResumable(Request r) {
        Session session = sessions.remove(r.query().get("upload_id"));
        if (session == null) {
            throw new ApiError(404, "notFound", "No such upload session.");
        }
        return Response.empty(499, Map.of());
    }

    private Response metadata(Request r, String bucket, String name) {
        StoredBlob blob = buckets.read(bucket, name, generation(r), Preconditions.from(r.query()));
        return Response.json(200, resource(blob, r.baseUrl()));
    }

    private Response download(Request r, String bucket, String name) {
        StoredBlob blob = buckets.read(bucket, name, generation(r), Preconditions.from(r.query()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", blob.contentType());
        headers.put("ETag", etag(blob));
        headers.put("Accept-Ranges", "bytes");
        headers.put("x-goog-generation", Long.toString(blob.generation()));
        headers.put("x-goog-metageneration", Long.toString(blob.metageneration()));
        headers.put("x-goog-stored-content-length", Long.toString(blob.size()));
        // As GCS does for an object with Cache-Control: no-transform: the stored (gzip) bytes, labelled as such.
        headers.put(
                "x-goog-stored-content-encoding", blob.contentEncoding() == null ? "identity" : blob.contentEncoding());
        if (blob.contentEncoding() != null) {
            headers.put("Content-Encoding", blob.contentEncoding());
        }
        if (blob.cacheControl() != null) {
            headers.put("Cache-Control", blob.cacheControl());
        }
        headers.put("x-goog-storage-class", "STANDARD");
        headers.put("x-goog-hash", "crc32c=" + blob.crc32cBase64() + ",md5=" + blob.md5Base64());
        byte[] content = blob.content();
        String range = r.header("Range");
        if (range == null || range.isBlank()) {
            return new Response(200, headers, content);
        }
        long size = content.length;
        long[] bounds = parseRange(range, size);
        if (bounds == null) {
            headers.put("Content-Range", "bytes */" + size);
            return new Response(416, headers, new byte[0]);
        }
        byte[] slice = new byte[(int) (bounds[1] - bounds[0] + 1)];
        System.arraycopy(content, (int) bounds[0], slice, 0, slice.length);
        headers.put("Content-Range", "bytes " + bounds[0] + "-" + bounds[1] + "/" + size);
        return new Response(206, headers, slice);
    }

    /** One byte range ({@code bytes=A-B}, {@code bytes=A-}, {@code bytes=-N}); null when unsatisfiable. */
    private static long[] parseRange(String header, long size) {
        String spec = header.trim();
        if (!spec.startsWith("bytes=") || spec.contains(",")) {
            throw ApiError.badRequest("only one byte range is supported, got: " + header);
        }
        spec = spec.substring("bytes=".length());
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw ApiError.badRequest("malformed Range: " + header);
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix == 0) {
                    return null;
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            return first >= size || first > last ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("malformed Range: " + header);
        }
    }

    private Response list(Request r, String bucket) {
        Map<String, String> q = r.query();
        int pageSize = Math.min(Buckets.GCS_MAX_PAGE_SIZE, maxPageSize);
        if (q.containsKey("maxResults")) {
            try {
                long requested = Long.parseLong(q.get("maxResults"));
                if (requested > 0) {
                    pageSize = (int) Math.min(pageSize, requested);
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Invalid value for maxResults: '" + q.get("maxResults") + "'");
            }
        }
        for (String unsupported : List.of("matchGlob", "filter")) {
            if (q.containsKey(unsupported)) {
                throw new ApiError(501, "notImplemented", unsupported + " is not implemented by this test server");
            }
        }
        Buckets.Page page = buckets.list(
                bucket,
                q.getOrDefault("prefix", ""),
                q.get("delimiter"),
                q.get("startOffset"),
                q.get("endOffset"),
                q.get("pageToken"),
                pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "storage#objects");
        if (page.nextPageToken() != null) {
            body.put("nextPageToken", page.nextPageToken());
        }
        if (!page.prefixes().isEmpty()) {
            body.put("prefixes", page.prefixes());
        }
        if (!page.items().isEmpty()) {
            List<Object> items = new ArrayList<>();
            for (StoredBlob blob : page.items()) {
                items.add(resource(blob, r.baseUrl()));
            }
            body.put("items", items);
        }
        return Response.json(200, body);
    }

    private Response createBucket(Request r) {
        Map<String, Object> resource = Json.parseObject(new String(r.body(), StandardCharsets.UTF_8));
        String name = string(resource, "name");
        if (name == null || name.isEmpty()) {
            throw ApiError.badRequest("a bucket needs a name");
        }
        if (!buckets.create(name)) {
            throw new ApiError(
                    409,
                    "conflict",
                    "Your previous request to create the named bucket succeeded and " + "you already own it.");
        }
        return Response.json(200, bucketResource(name));
    }

    private Response getBucket(Request r, String bucket) {
        if (!buckets.exists(bucket)) {
            throw ApiError.noSuchBucket(bucket);
        }
        return Response.json(200, bucketResource(bucket));
    }

    private static Map<String, Object> bucketResource(String name) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("kind", "storage#bucket");
        b.put("id", name);
        b.put("name", name);
        b.put("projectNumber", "0");
        b.put("metageneration", "1");
        b.put("location", "US");
        b.put("storageClass", "STANDARD");
        b.put("etag", "CAE=");
        return b;
    }

    private static Map<String, Object> resource(StoredBlob blob, String baseUrl) {
        String encoded = encodePath(blob.name());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kind", "storage#object");
        o.put("id", blob.bucket() + "/" + blob.name() + "/" + blob.generation());
        o.put("selfLink", baseUrl + "/storage/v1/b/" + encodePath(blob.bucket()) + "/o/" + encoded);
        o.put(
                "mediaLink",
                baseUrl + "/download/storage/v1/b/" + encodePath(blob.bucket()) + "/o/" + encoded + "?generation="
                        + blob.generation() + "&alt=media");
        o.put("name", blob.name());
        o.put("bucket", blob.bucket());
        // The JSON API carries 64-bit numbers as strings.
        o.put("generation", Long.toString(blob.generation()));
        o.put("metageneration", Long.toString(blob.metageneration()));
        o.put("contentType", blob.contentType());
        if (blob.contentEncoding() != null) {
            o.put("contentEncoding", blob.contentEncoding());
        }
        if (blob.cacheControl() != null) {
            o.put("cacheControl", blob.cacheControl());
        }
        o.put("storageClass", "STANDARD");
        o.put("size", Long.toString(blob.size()));
        o.put("md5Hash", blob.md5Base64());
        o.put("crc32c", blob.crc32cBase64());
        o.put("etag", etag(blob));
        String created = RFC_3339.format(blob.created());
        o.put("timeCreated", created);
        o.put("updated", created);
        o.put("timeStorageClassUpdated", created);
        if (!blob.metadata().isEmpty()) {
            o.put("metadata", new LinkedHashMap<>(blob.metadata()));
        }
        return o;
    }

    private static String etag(StoredBlob blob) {
        return java.util.Base64.getEncoder()
                .withoutPadding()
                .encodeToString((blob.generation() + "/" + blob.metageneration()).getBytes(StandardCharsets.US_ASCII));
    }

    private static Response error(ApiError e) {
        if (e.status == 304) {
            return Response.empty(304, Map.of());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", e.getMessage());
        detail.put("domain", "global");
        detail.put("reason", e.reason);
        if (e.status == 412) {
            detail.put("locationType", "header");
            detail.put("location", "If-Match");
        }
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", e.status);
        err.put("message", e.getMessage());
        err.put("errors", List.of(detail));
        return Response.json(e.status, Map.of("error", err));
    }

    private static Response notImplemented(Request r) {
        return error(new ApiError(
                501, "notImplemented", r.method() + " " + r.path() + " is not implemented by this test server"));
    }

    private static void verifyHashes(byte[] content, String crc32c, String md5) {
        if (crc32c != null && !crc32c.equals(StoredBlob.crc32cBase64(content))) {
            throw ApiError.badRequest("Provided CRC32C \"" + crc32c + "\" doesn't match calculated CRC32C \""
                    + StoredBlob.crc32cBase64(content) + "\".");
        }
        if (md5 != null && !md5.equals(StoredBlob.md5Base64(content))) {
            throw ApiError.badRequest("Provided MD5 hash \"" + md5 + "\" doesn't match calculated MD5 hash \""
                    + StoredBlob.md5Base64(content) + "\".");
        }
    }

    private static String hashFromHeader(String header, String kind) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith(kind + "=")) {
                return p.substring(kind.length() + 1);
            }
        }
        return null;
    }

    private static String objectName(Request r, Map<String, Object> resource) {
        String name = firstNonNull(string(resource, "name"), r.query().get("name"), null);
        if (name == null || name.isEmpty()) {
            throw new ApiError(400, "required", "Required");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw ApiError.badRequest("The object name is longer than 1024 bytes.");
        }
        return name;
    }

    private static Map<String, String> metadata(Map<String, Object> resource) {
        Object value = resource.get("metadata");
        Map<String, String> metadata = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v != null) {
                    metadata.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        return metadata;
    }

    private static Long generation(Request r) {
        String value = r.query().get("generation");
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid value for generation: '" + value + "'");
        }
    }

    private static String string(Map<String, Object> resource, String key) {
        Object value = resource.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    private static Operation classify(String method, String path, Map<String, String> query) {
        if (path.startsWith("/upload/")) {
            return Operation.UPLOAD;
        }
        int o = path.indexOf("/o/");
        if (path.startsWith("/download/") || o >= 0 && method.equals("GET") && "media".equals(query.get("alt"))) {
            return Operation.DOWNLOAD;
        }
        if (o >= 0) {
            return method.equals("DELETE") ? Operation.DELETE : Operation.METADATA;
        }
        if (path.endsWith("/o") || path.endsWith("/o/")) {
            return Operation.LIST;
        }
        return Operation.OTHER;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        // -1: no body at all; 0 would mean "chunked, length unknown".
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(Fault.Delay delay) {
        try {
            Thread.sleep(delay.duration().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = exchange.getLocalAddress().getHostString() + ":"
                    + exchange.getLocalAddress().getPort();
        }
        return "http://" + host;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    /** Percent-decoding of a path segment: unlike form decoding, '+' stays '+'. */
    static String decodePath(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw ApiError.badRequest("malformed escape in path: " + raw);
                }
                try {
                    out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw ApiError.badRequest("malformed escape in path: " + raw);
                }
                i += 3;
            } else {
                int end = i + Character.charCount(raw.codePointAt(i));
                out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String encodePath(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
