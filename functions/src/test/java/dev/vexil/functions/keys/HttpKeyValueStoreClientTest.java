package dev.vexil.functions.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The REST mapping of {@link HttpKeyValueStoreClient}, against a loopback HTTP server that answers like the
 * KeyValueStore API (status codes, ETag header, error bodies) and records what it received.
 */
class HttpKeyValueStoreClientTest {
    private static final KeyValueStoreArn ARN = KeyValueStoreArn.parse(
            "arn:aws:cloudfront::123456789012:key-value-store/kvs-1");
    private static final String STORE_PATH = "/key-value-stores/arn%3Aaws%3Acloudfront%3A%3A123456789012"
            + "%3Akey-value-store%2Fkvs-1";

    private final List<Map<String, String>> received = new ArrayList<>();
    private final Map<String, Reply> replies = new LinkedHashMap<>();
    private HttpServer server;
    private HttpKeyValueStoreClient client;

    private record Reply(int status, String etag, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            received.add(Map.of("method", exchange.getRequestMethod(), "path", path,
                    "ifMatch", String.valueOf(exchange.getRequestHeaders().getFirst("If-Match")),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply reply = replies.getOrDefault(exchange.getRequestMethod() + " " + path,
                    new Reply(404, null, "{\"Message\":\"no such route\"}"));
            if (reply.etag() != null) {
                exchange.getResponseHeaders().add("ETag", reply.etag());
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        client = new HttpKeyValueStoreClient(new KvsRequests(endpoint, ARN),
                new SigV4aRequestSigner(credentials, Clock.systemUTC()), UrlConnectionHttpClient.create());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void describeReturnsTheStoresEtag() {
        replies.put("GET " + STORE_PATH, new Reply(200, "KV1ABC", "{\"ItemCount\":3,\"Status\":\"READY\"}"));

        assertThat(client.currentEtag()).isEqualTo("KV1ABC");
        assertThat(received.get(0)).containsEntry("method", "GET").containsEntry("path", STORE_PATH);
        assertThat(received.get(0).get("authorization")).startsWith("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/");
    }

    @Test
    void updateKeysPostsPutsAndDeletesWithIfMatchAndReturnsTheNewEtag() {
        replies.put("POST " + STORE_PATH + "/keys", new Reply(200, "KV2", "{\"ItemCount\":1}"));

        String etag = client.updateKeys("KV1ABC", Map.of("a".repeat(64), "shop/prod"), Set.of());

        assertThat(etag).isEqualTo("KV2");
        assertThat(received.get(0)).containsEntry("ifMatch", "KV1ABC")
                .containsEntry("body", "{\"Puts\":[{\"Key\":\"" + "a".repeat(64)
                        + "\",\"Value\":\"shop/prod\"}],\"Deletes\":[]}");
    }

    @Test
    void conflictOnUpdateIsAStaleEtag() {
        replies.put("POST " + STORE_PATH + "/keys", new Reply(409, null,
                "{\"Message\":\"Pre-condition failed: ETag mismatch\"}"));

        assertThatThrownBy(() -> client.updateKeys("OLD", Map.of(), Set.of("b".repeat(64))))
                .isInstanceOf(KeyValueStoreClient.StaleEtagException.class);
    }

    @Test
    void getKeyTellsPresentFromAbsent() {
        replies.put("GET " + STORE_PATH + "/keys/" + "c".repeat(64), new Reply(200, null,
                "{\"Key\":\"" + "c".repeat(64) + "\",\"Value\":\"shop/prod\"}"));

        assertThat(client.contains("c".repeat(64))).isTrue();
        assertThat(client.contains("d".repeat(64))).isFalse();
        assertThat(client.get("c".repeat(64))).contains("shop/prod");
        assertThat(client.get("d".repeat(64))).isEmpty();
    }

    @Test
    void deniedCallsFailWithTheServicesMessage() {
        replies.put("GET " + STORE_PATH, new Reply(403, null, "{\"Message\":\"not authorized to DescribeKeyValueStore\"}"));

        assertThatThrownBy(client::currentEtag).isInstanceOf(KeyValueStoreClient.KeyValueStoreException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("not authorized to DescribeKeyValueStore");
    }

    @Test
    void arnOutsideTheAwsPartitionOrOfAnotherResourceIsRefused() {
        assertThatThrownBy(() -> KeyValueStoreArn.parse("arn:aws:s3:::bucket")).hasMessageContaining("KeyValueStore ARN");
        assertThatThrownBy(() -> KeyValueStoreArn.parse(null)).hasMessageContaining("VEXIL_KVS_ARN");
        assertThat(ARN.endpoint()).hasToString("https://123456789012.cloudfront-kvs.global.api.aws");
    }
}
