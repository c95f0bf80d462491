package dev.vexil.functions.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vexil.wire.ChangeNotification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The AppSync Events HTTP publish, against a real HTTP server that records what arrives. */
class AppSyncEventsNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "sha256:" + "ab".repeat(32);
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;
    private AppSyncEventsNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", exchange.getRequestURI().getPath());
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("date", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Date")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        notifier = new AppSyncEventsNotifier(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/event"), "eu-west-1", StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                "secret")), UrlConnectionHttpClient.create(),
                Clock.fixed(Instant.parse("2026-12-03T18:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void publishesTheNotificationAsOneEventSignedForAppSync() throws Exception {
        notifier.notify("/vexil/0123", new ChangeNotification(42, HASH, "\"e\""));

        assertThat(seen).containsEntry("method", "POST").containsEntry("path", "/event")
                .containsEntry("date", "20261203T180000Z");
        assertThat(seen.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/eu-west-1/"
                + "appsync/aws4_request");
        JsonNode body = JSON.readTree(seen.get("body"));
        assertThat(body.get("channel").asText()).isEqualTo("/vexil/0123");
        assertThat(ChangeNotification.parse(body.get("events").get(0).asText()))
                .isEqualTo(new ChangeNotification(42, HASH, "\"e\""));
    }

    @Test
    void aRefusedPublishThrowsSoThatTheCompilerCountsIt() {
        status.set(403);

        assertThatThrownBy(() -> notifier.notify("/vexil/0123", new ChangeNotification(1, HASH, null)))
                .hasMessageContaining("HTTP 403");
    }
}
