package dev.vexil.local.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.local.edge.SdkKeyLookup;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.wire.ChangeNotification;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;
import dev.vexil.wire.SdkKeys;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local push channel spoken to over a real WebSocket, with real SDK keys in SQLite. */
class PushServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = key("push-test-key-active");
    private static final String OTHER_ENV_KEY = key("push-test-key-staging");
    private static final String CHANNEL = PushChannels.of(new EnvironmentId("shop", "prod"));
    private static final String HASH = "sha256:" + "0".repeat(64);

    @TempDir
    Path dir;
    private SqliteFlagRepository repository;
    private PushServer push;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        repository = dev.vexil.local.edge.EdgeKeysAccess.repository(dir.resolve("vexil.db"));
        repository.createSdkKey(new SdkKeyRecord("p1", "shop", "prod", "push", SdkKeys.hash(KEY), Instant.now(),
                "test", null));
        repository.createEnvironment("shop", new dev.vexil.core.store.Environment("staging", "Staging", false),
                meta());
        repository.createSdkKey(new SdkKeyRecord("p2", "shop", "staging", "push", SdkKeys.hash(OTHER_ENV_KEY),
                Instant.now(), "test", null));
        push = new PushServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                SdkKeyLookup.activeKeysOf(repository), Duration.ofMillis(200)).start();
    }

    @AfterEach
    void stop() {
        push.close();
        repository.close();
    }

    /** A well-formed SDK key: {@code sdk-} and 43 base64url characters. */
    private static String key(String name) {
        return SdkKeys.PREFIX + (name + "0".repeat(43)).substring(0, SdkKeys.LENGTH - SdkKeys.PREFIX.length());
    }

    private static ChangeMeta meta() {
        return new ChangeMeta("test", "create", null, null, Instant.now());
    }

    /** A raw protocol client: every text frame lands in {@code received}. */
    private final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        Client connect(String key) throws Exception {
            String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"host\":\"127.0.0.1\",\"Authorization\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
            socket = http.newWebSocketBuilder().subprotocols(EventsProtocolHub.SUBPROTOCOL, "header-" + header)
                    .buildAsync(URI.create("ws://127.0.0.1:" + push.port() + PushServer.PATH), this)
                    .get(5, TimeUnit.SECONDS);
            return this;
        }

        void send(String json) throws Exception {
            socket.sendText(json, true).get(5, TimeUnit.SECONDS);
        }

        JsonNode next(String type) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                JsonNode message = received.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && message.path("type").asText().equals(type)) {
                    return message;
                }
            }
            throw new AssertionError("no " + type + " message; left: " + received);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private Client subscribed(String key, String channel) throws Exception {
        Client client = new Client().connect(key);
        client.send("{\"type\":\"connection_init\"}");
        client.next("connection_ack");
        client.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"channel\":\"" + channel
                + "\",\"authorization\":{\"Authorization\":\"" + key + "\",\"host\":\"127.0.0.1\"}}");
        return client;
    }

    @Test
    void aSubscriberOfItsOwnEnvironmentReceivesNotificationsAsDataEvents() throws Exception {
        Client client = subscribed(KEY, CHANNEL);
        assertThat(client.next("subscribe_success").path("id").asText()).isEqualTo("s1");

        push.notify(CHANNEL, new ChangeNotification(9, HASH, "\"e9\""));

        JsonNode data = client.next("data");
        assertThat(data.path("id").asText()).isEqualTo("s1");
        assertThat(ChangeNotification.parse(data.path("event").asText()))
                .isEqualTo(new ChangeNotification(9, HASH, "\"e9\""));
        assertThat(client.next("ka")).isNotNull(); // keep-alives follow the acknowledgement
    }

    @Test
    void aKeyMayNotSubscribeToAnotherEnvironmentsChannel() throws Exception {
        Client client = subscribed(OTHER_ENV_KEY, CHANNEL);

        JsonNode error = client.next("subscribe_error");
        assertThat(error.path("errors").get(0).path("errorType").asText()).isEqualTo("UnauthorizedException");
        assertThat(push.subscribers(CHANNEL)).isZero();
    }

    @Test
    void aRevokedKeyCanNoLongerConnectOrSubscribe() throws Exception {
        Client before = subscribed(KEY, CHANNEL);
        before.next("subscribe_success");

        repository.revokeSdkKey("shop", "prod", "p1", meta());

        Client after = new Client().connect(KEY);
        after.send("{\"type\":\"connection_init\"}");
        assertThat(after.next("connection_error").path("errors").get(0).path("errorType").asText())
                .isEqualTo("UnauthorizedException");
        before.send("{\"type\":\"subscribe\",\"id\":\"s2\",\"channel\":\"" + CHANNEL + "\"}");
        assertThat(before.next("subscribe_error").path("id").asText()).isEqualTo("s2");
    }

    @Test
    void unknownMessagesAreAnsweredWithAnErrorAndTheConnectionStays() throws Exception {
        Client client = subscribed(KEY, CHANNEL);
        client.next("subscribe_success");

        client.send("{\"type\":\"publish\",\"id\":\"x\"}");
        client.send("not json");

        assertThat(client.next("error").path("errors").get(0).path("errorType").asText())
                .isEqualTo("UnsupportedOperation");
        push.notify(CHANNEL, new ChangeNotification(10, HASH, null));
        assertThat(client.next("data")).isNotNull();
    }

    @Test
    void canBeStoppedAndStartedAgainOnTheSamePortDroppingItsConnections() throws Exception {
        int port = push.port();
        Client client = subscribed(KEY, CHANNEL);
        client.next("subscribe_success");

        push.stop();
        assertThat(push.subscribers(CHANNEL)).isZero();
        push.start();

        assertThat(push.port()).isEqualTo(port);
        Client again = subscribed(KEY, CHANNEL);
        assertThat(again.next("subscribe_success")).isNotNull();
    }
}
