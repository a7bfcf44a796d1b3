package io.feedstore.gcsserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server speaks the Cloud Storage JSON API as Google documents it, checked at the HTTP level with a plain
 * HTTP client: upload protocols, 64-bit numbers as strings, hashes, preconditions and their status codes, error
 * bodies, ranges, listing pages, and injected faults.
 */
class JsonApiProtocolTest {

    private static final String BUCKET = "protocol-bucket";
    private static final String BOUNDARY = "feedstore_boundary";

    private GcsTestServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        server = GcsTestServer.start(GcsTestServer.Options.defaults().withMaxPageSize(1000));
        server.createBucket(BUCKET);
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theServerListensOnTheLoopbackInterfaceOnly() {
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
    }

    @Test
    void aMultipartUploadCreatesAnObjectWhoseResourceCarriesGenerationSizeAndHashesAsTheJsonApiDoes() throws Exception {
        HttpResponse<String> created = multipart("a/b c.txt", "123456789", "", Map.of("k", "v"));

        assertThat(created.statusCode()).isEqualTo(200);
        Map<String, Object> resource = Json.parseObject(created.body());
        assertThat(resource)
                .containsEntry("kind", "storage#object")
                .containsEntry("name", "a/b c.txt")
                .containsEntry("bucket", BUCKET)
                .containsEntry("size", "9")
                // CRC32C("123456789") = 0xE3069283, the check value of the Castagnoli polynomial.
                .containsEntry("crc32c", "4waSgw==")
                .containsEntry("md5Hash", "JfnnlDI7RTiF9RgfG2JNCw==")
                .containsEntry("metadata", Map.of("k", "v"));
        assertThat(resource.get("generation")).isInstanceOf(String.class);
        String generation = (String) resource.get("generation");

        HttpResponse<String> metadata = get("/storage/v1/b/" + BUCKET + "/o/" + enc("a/b c.txt"), Map.of());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(metadata.body())).containsEntry("generation", generation);

        HttpResponse<String> media = get("/storage/v1/b/" + BUCKET + "/o/" + enc("a/b c.txt") + "?alt=media", Map.of());
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).isEqualTo("123456789");
        assertThat(media.headers().firstValue("x-goog-generation")).hasValue(generation);
        assertThat(media.headers().firstValue("x-goog-hash")).hasValue("crc32c=4waSgw==,md5=JfnnlDI7RTiF9RgfG2JNCw==");
    }

    @Test
    void ifGenerationMatchZeroOnAnExistingObjectIs412WithTheJsonErrorBody() throws Exception {
        assertThat(multipart("x", "one", "?ifGenerationMatch=0", Map.of()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> second = multipart("x", "two", "?ifGenerationMatch=0", Map.of());

        assertThat(second.statusCode()).isEqualTo(412);
        Map<?, ?> error = (Map<?, ?>) Json.parseObject(second.body()).get("error");
        assertThat(error.get("code")).isEqualTo(412L);
        assertThat((List<?>) error.get("errors"))
                .singleElement()
                .satisfies(e -> assertThat(((Map<?, ?>) e).get("reason")).isEqualTo("conditionNotMet"));
        assertThat(server.content(BUCKET, "x"))
                .hasValueSatisfying(c -> assertThat(c).isEqualTo(bytes("one")));
    }

    @Test
    void writesAndDeletesHonourGenerationMatchAndNotMatch() throws Exception {
        long g1 = generationOf(multipart("o", "1", "", Map.of()));
        assertThat(multipart("o", "2", "?ifGenerationMatch=" + (g1 + 1), Map.of())
                        .statusCode())
                .isEqualTo(412);
        assertThat(multipart("o", "2", "?ifGenerationNotMatch=" + g1, Map.of()).statusCode())
                .isEqualTo(412);
        long g2 = generationOf(multipart("o", "2", "?ifGenerationMatch=" + g1, Map.of()));
        assertThat(g2).isGreaterThan(g1);
        // Not-match fails when there is no live object at all.
        assertThat(multipart("absent", "x", "?ifGenerationNotMatch=5", Map.of()).statusCode())
                .isEqualTo(412);
        // A read whose not-match condition fails is "not modified".
        assertThat(get("/storage/v1/b/" + BUCKET + "/o/o?ifGenerationNotMatch=" + g2, Map.of())
                        .statusCode())
                .isEqualTo(304);
        assertThat(get("/storage/v1/b/" + BUCKET + "/o/o?ifGenerationMatch=" + g1, Map.of())
                        .statusCode())
                .isEqualTo(412);

        assertThat(delete("/storage/v1/b/" + BUCKET + "/o/o?ifGenerationMatch=" + g1)
                        .statusCode())
                .isEqualTo(412);
        assertThat(delete("/storage/v1/b/" + BUCKET + "/o/o?ifGenerationMatch=" + g2)
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> again = delete("/storage/v1/b/" + BUCKET + "/o/o?ifGenerationMatch=" + g2);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("\"reason\":\"notFound\"");
        assertThat(get("/storage/v1/b/" + BUCKET + "/o/o?alt=media", Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aReadOfAnOlderGenerationIsNotFoundOnceReplaced() throws Exception {
        long g1 = generationOf(multipart("v", "1", "", Map.of()));
        generationOf(multipart("v", "2", "", Map.of()));

        assertThat(get("/storage/v1/b/" + BUCKET + "/o/v?alt=media&generation=" + g1, Map.of())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anUploadWhoseCrc32cDoesNotMatchItsBytesIsRefused() throws Exception {
        String metadata = "{\"name\":\"bad\",\"crc32c\":\"AAAAAA==\"}";

        HttpResponse<String> response = send(multipartRequest("", metadata, bytes("123456789")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("CRC32C");
        assertThat(server.objectNames(BUCKET)).isEmpty();
    }

    @Test
    void rangedReadsReturnPartialContentAndUnsatisfiableRangesAre416() throws Exception {
        multipart("r", "0123456789", "", Map.of());
        String path = "/storage/v1/b/" + BUCKET + "/o/r?alt=media";

        HttpResponse<String> middle = get(path, Map.of("Range", "bytes=2-4"));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo("234");
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
        assertThat(get(path, Map.of("Range", "bytes=7-")).body()).isEqualTo("789");
        assertThat(get(path, Map.of("Range", "bytes=-2")).body()).isEqualTo("89");
        assertThat(get(path, Map.of("Range", "bytes=5-100")).body()).isEqualTo("56789");
        assertThat(get(path, Map.of("Range", "bytes=10-")).statusCode()).isEqualTo(416);
    }

    @Test
    void aResumableUploadPersistsChunksReports308WithTheRangeAndCreatesTheObjectWithTheLastByte() throws Exception {
        HttpResponse<String> started = send(HttpRequest.newBuilder(
                        uri("/upload/storage/v1/b/" + BUCKET + "/o?uploadType=resumable&ifGenerationMatch=0"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"big/object.bin\"}"))
                .build());
        assertThat(started.statusCode()).isEqualTo(200);
        URI session = URI.create(started.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> first = put(session, "bytes 0-3/*", "abcd");
        assertThat(first.statusCode()).isEqualTo(308);
        assertThat(first.headers().firstValue("Range")).hasValue("bytes=0-3");
        HttpResponse<String> status = put(session, "bytes */*", "");
        assertThat(status.statusCode()).isEqualTo(308);
        assertThat(status.headers().firstValue("Range")).hasValue("bytes=0-3");
        // A chunk starting beyond what was persisted is refused; an overlapping one only adds the new bytes.
        assertThat(put(session, "bytes 6-6/*", "g").statusCode()).isEqualTo(503);
        assertThat(put(session, "bytes 2-5/*", "cdef").headers().firstValue("Range"))
                .hasValue("bytes=0-5");
        assertThat(server.objectNames(BUCKET)).isEmpty();

        HttpResponse<String> last = put(session, "bytes 6-6/7", "g");
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(last.body()))
                .containsEntry("name", "big/object.bin")
                .containsEntry("size", "7");
        assertThat(server.content(BUCKET, "big/object.bin"))
                .hasValueSatisfying(c -> assertThat(c).isEqualTo(bytes("abcdefg")));
        assertThat(put(session, "bytes */7", "").statusCode())
                .as("a finished session answers with the object")
                .isEqualTo(200);
    }

    @Test
    void aResumableUploadChecksItsPreconditionWhenItFinishes() throws Exception {
        HttpResponse<String> started = send(HttpRequest.newBuilder(
                        uri("/upload/storage/v1/b/" + BUCKET + "/o?uploadType=resumable&name=late&ifGenerationMatch=0"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        URI session = URI.create(started.headers().firstValue("Location").orElseThrow());
        multipart("late", "somebody else", "", Map.of());

        assertThat(put(session, "bytes 0-2/3", "ours").statusCode()).isEqualTo(400);
        assertThat(put(session, "bytes 0-3/4", "ours").statusCode()).isEqualTo(412);
        assertThat(server.content(BUCKET, "late"))
                .hasValueSatisfying(c -> assertThat(c).isEqualTo(bytes("somebody else")));
    }

    @Test
    void listingsFollowPrefixDelimiterAndPageTokensAndCountPrefixesTowardThePageSize() throws Exception {
        for (String name : List.of("p/a", "p/b/1", "p/b/2", "p/c", "p/d/x/y", "p/e", "q/z", "pz")) {
            multipart(name, name, "", Map.of());
        }

        List<String> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String query = "?prefix=p%2F&delimiter=%2F&maxResults=2" + (token == null ? "" : "&pageToken=" + token);
            Map<String, Object> page = Json.parseObject(
                    get("/storage/v1/b/" + BUCKET + "/o" + query, Map.of()).body());
            int size = 0;
            for (Object item : (List<?>) page.getOrDefault("items", List.of())) {
                items.add((String) ((Map<?, ?>) item).get("name"));
                size++;
            }
            for (Object prefix : (List<?>) page.getOrDefault("prefixes", List.of())) {
                prefixes.add((String) prefix);
                size++;
            }
            pageSizes.add(size);
            token = (String) page.get("nextPageToken");
        } while (token != null);

        assertThat(items).containsExactly("p/a", "p/c", "p/e");
        assertThat(prefixes).containsExactly("p/b/", "p/d/");
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void theServerSidePageCapAppliesWhenTheClientAsksForMore() throws Exception {
        server.close();
        server = GcsTestServer.start(GcsTestServer.Options.defaults().withMaxPageSize(2));
        server.createBucket(BUCKET);
        for (String name : List.of("a", "b", "c")) {
            multipart(name, name, "", Map.of());
        }

        Map<String, Object> page = Json.parseObject(
                get("/storage/v1/b/" + BUCKET + "/o?maxResults=1000", Map.of()).body());

        assertThat((List<?>) page.get("items")).hasSize(2);
        assertThat(page).containsKey("nextPageToken");
    }

    @Test
    void unknownBucketsAre404AndCallsTheServerDoesNotImplementAre501() throws Exception {
        assertThat(get("/storage/v1/b/no-such-bucket/o", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/storage/v1/b/" + BUCKET + "/o?matchGlob=**", Map.of()).statusCode())
                .isEqualTo(501);
        assertThat(send(HttpRequest.newBuilder(uri("/storage/v1/b/" + BUCKET + "/o/x/compose"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .isIn(404, 501);
    }

    @Test
    void injectedFaultsAnswerWithTheirStatusDropTheConnectionOrFailEverythingAfterNCalls() throws Exception {
        server.faults().next(Fault.unavailable());
        HttpResponse<String> unavailable = get("/storage/v1/b/" + BUCKET + "/o", Map.of());
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("backendError");

        server.faults().next(Operation.UPLOAD, 1, Fault.dropResponse());
        assertThatThrownBy(() -> multipart("dropped-after", "x", "", Map.of())).isInstanceOf(IOException.class);
        assertThat(server.objectNames(BUCKET))
                .as("the write happened, only its answer was lost")
                .containsExactly("dropped-after");

        server.faults().next(Operation.UPLOAD, 1, Fault.dropConnection());
        assertThatThrownBy(() -> multipart("dropped-before", "x", "", Map.of())).isInstanceOf(IOException.class);
        assertThat(server.objectNames(BUCKET)).containsExactly("dropped-after");

        server.faults().failAfter(Operation.LIST, 1, Fault.tooManyRequests());
        assertThat(get("/storage/v1/b/" + BUCKET + "/o", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/storage/v1/b/" + BUCKET + "/o", Map.of()).statusCode()).isEqualTo(429);
        assertThat(get("/storage/v1/b/" + BUCKET + "/o", Map.of()).statusCode()).isEqualTo(429);
        assertThat(get("/storage/v1/b/" + BUCKET + "/o/dropped-after", Map.of()).statusCode())
                .isEqualTo(200);
        server.faults().clear();
        assertThat(get("/storage/v1/b/" + BUCKET + "/o", Map.of()).statusCode()).isEqualTo(200);
    }

    // ---- helpers

    private HttpResponse<String> multipart(String name, String content, String query, Map<String, String> metadata)
            throws IOException, InterruptedException {
        StringBuilder meta = new StringBuilder("{\"name\":").append(Json.write(name));
        if (!metadata.isEmpty()) {
            meta.append(",\"metadata\":").append(Json.write(metadata));
        }
        meta.append('}');
        return send(multipartRequest(query, meta.toString(), bytes(content)));
    }

    private HttpRequest multipartRequest(String query, String metadataJson, byte[] content) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" + metadataJson
                        + "\r\n--" + BOUNDARY + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String separator = query.isEmpty() ? "?" : "&";
        return HttpRequest.newBuilder(
                        uri("/upload/storage/v1/b/" + BUCKET + "/o" + query + separator + "uploadType=multipart"))
                .header("Content-Type", "multipart/related; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    private HttpResponse<String> put(URI session, String contentRange, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(session)
                .header("Content-Range", contentRange)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create(server.endpoint() + pathAndQuery);
    }

    private static long generationOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Long.parseLong((String) Json.parseObject(response.body()).get("generation"));
    }

    private static String enc(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
