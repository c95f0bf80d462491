package dev.vexil.local.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.localstore.files.FileSystemSnapshotPublisher;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge over a real filesystem publisher and real SDK keys in SQLite, spoken to over HTTP. */
class EdgeServerTest {
    private static final String ACTIVE = EdgeKeys.ACTIVE;
    private static final String REVOKED = EdgeKeys.REVOKED;

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private SqliteFlagRepository repository;
    private FileSystemSnapshotPublisher publisher;
    private EdgeServer edge;

    @BeforeEach
    void start() {
        repository = EdgeKeys.repository(dir.resolve("vexil.db"));
        publisher = new FileSystemSnapshotPublisher(dir.resolve("objects"));
        publisher.publish(SnapshotCodec.seal(new Snapshot(1, "shop", "prod", 3, Instant.now().toString(),
                List.of(), List.of(), null)));
        edge = new EdgeServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), publisher,
                SdkKeyLookup.activeKeysOf(repository)).start();
    }

    @AfterEach
    void stop() {
        edge.stop();
        repository.close();
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheStoredGzipSnapshotWithItsHeaders() throws Exception {
        HttpResponse<byte[]> response = get("/sdk/v1/snapshot", Map.of("Authorization", ACTIVE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("cache-control")).contains("public, max-age=5, must-revalidate");
        assertThat(response.headers().firstValue("etag")).hasValueSatisfying(e -> assertThat(e).startsWith("\""));
        byte[] json = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
        assertThat(SnapshotCodec.read(json).version()).isEqualTo(3);
    }

    @Test
    void matchingIfNoneMatchGets304WithoutABody() throws Exception {
        String etag = get("/sdk/v1/snapshot", Map.of("Authorization", ACTIVE)).headers().firstValue("etag").orElseThrow();

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            HttpResponse<byte[]> response = get("/sdk/v1/snapshot", Map.of("Authorization", ACTIVE, "If-None-Match", ifNoneMatch));
            assertThat(response.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("etag")).contains(etag);
        }
        assertThat(get("/sdk/v1/snapshot", Map.of("Authorization", ACTIVE, "If-None-Match", "\"stale\"")).statusCode())
                .isEqualTo(200);
        assertThat(edge.stats().notModified()).isEqualTo(4);
        assertThat(edge.stats().count(200)).isEqualTo(2);
    }

    @Test
    void keysAreCheckedBeforeAnythingIsServed() throws Exception {
        assertThat(get("/sdk/v1/snapshot", Map.of()).statusCode()).isEqualTo(401);
        // Not shaped like a key: no credential was presented, as the CloudFront Function answers.
        assertThat(get("/sdk/v1/snapshot", Map.of("Authorization", "sdk-nobody-has-this-key")).statusCode()).isEqualTo(401);
        assertThat(get("/sdk/v1/snapshot", Map.of("Authorization", ACTIVE + "=")).statusCode()).isEqualTo(401);
        assertThat(get("/sdk/v1/snapshot", Map.of("Authorization", "sdk-nobody-has-this-key-00000000000000000000000"))
                .statusCode()).isEqualTo(403);
        assertThat(get("/sdk/v1/snapshot", Map.of("Authorization", REVOKED)).statusCode()).isEqualTo(403);
        assertThat(get("/sdk/v1/killswitch", Map.of("Authorization", REVOKED)).statusCode()).isEqualTo(403);
        assertThat(edge.stats().count(401)).isEqualTo(3);
        assertThat(edge.stats().count(403)).isEqualTo(3);
    }

    @Test
    void aFailingKeyLookupIs503WithRetryAfterNeverARefusal() throws Exception {
        EdgeServer failing = new EdgeServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), publisher,
                hash -> {
                    throw new IllegalStateException("database is locked");
                }).start();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + failing.port() + "/sdk/v1/snapshot"))
                    .header("Authorization", ACTIVE).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("30");
            assertThat(failing.stats().count(403)).isZero();
        } finally {
            failing.stop();
        }
    }

    @Test
    void versionsAndTheKillListMapOntoTheLayout() throws Exception {
        HttpResponse<byte[]> version = get("/sdk/v1/snapshots/3", Map.of("Authorization", ACTIVE));
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
        assertThat(get("/sdk/v1/snapshots/4", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(404);
        assertThat(get("/sdk/v1/snapshots/x", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(404);
        assertThat(get("/sdk/v1/killswitch", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(404);
        assertThat(get("/elsewhere", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(404);

        publisher.writeKillList("shop", "prod", "{\"flags\":[\"checkout\"]}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> killList = get("/sdk/v1/killswitch", Map.of("Authorization", ACTIVE));
        assertThat(killList.statusCode()).isEqualTo(200);
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(killList.body())).readAllBytes(),
                StandardCharsets.UTF_8)).contains("checkout");
    }

    @Test
    void deltasAreServedImmutableAndGatedByKeyLikeSnapshots() throws Exception {
        publisher.writeDelta("shop", "prod", 2, 3, "{\"deltaFormat\":1}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> delta = get("/sdk/v1/deltas/2/3", Map.of("Authorization", ACTIVE));
        assertThat(delta.statusCode()).isEqualTo(200);
        assertThat(delta.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(delta.body())).readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo("{\"deltaFormat\":1}");
        assertThat(get("/sdk/v1/deltas/2/3", Map.of("Authorization", REVOKED)).statusCode()).isEqualTo(403);
        assertThat(get("/sdk/v1/deltas/2/3", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/sdk/v1/deltas/1/3", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(404);
        assertThat(get("/sdk/v1/deltas/2", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(404);
        assertThat(get("/sdk/v1/deltas/x/3", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(404);
    }

    @Test
    void canBeStoppedAndStartedAgainOnTheSamePort() throws Exception {
        int port = edge.port();
        edge.stop();
        assertThatThrownBy(() -> get("/sdk/v1/snapshot", Map.of("Authorization", ACTIVE)))
                .isInstanceOf(ConnectException.class);

        edge.start();
        assertThat(edge.port()).isEqualTo(port);
        assertThat(get("/sdk/v1/snapshot", Map.of("Authorization", ACTIVE)).statusCode()).isEqualTo(200);
    }
}
