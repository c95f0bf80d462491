package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.wire.ChangeNotification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * A push channel in the test JVM speaking the AppSync Events subset the SDK uses (the real ones: the local edge's,
 * tested in the local module, and AppSync). It accepts any key, acknowledges, confirms subscriptions, and sends
 * whatever the test tells it to: notifications, garbage, or nothing (stopped). Restartable on the same port.
 */
final class FakePushChannel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<WebSocket, String> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger subscribes = new AtomicInteger();
    private volatile Server server;
    private int port;
    private volatile String lastChannel;

    private final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);

        Server(int port) {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    List.of(new Draft_6455(List.of(), List.of(new Protocol("aws-appsync-event-ws")))));
            setReuseAddr(true);
            setDaemon(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
        }

        @Override
        public void onMessage(WebSocket conn, String text) {
            try {
                JsonNode message = JSON.readTree(text);
                switch (message.path("type").asText()) {
                    case "connection_init" -> conn.send("{\"type\":\"connection_ack\",\"connectionTimeoutMs\":300000}");
                    case "subscribe" -> {
                        lastChannel = message.path("channel").asText();
                        subscriptions.put(conn, message.path("id").asText());
                        subscribes.incrementAndGet();
                        conn.send(JSON.createObjectNode().put("type", "subscribe_success")
                                .put("id", message.path("id").asText()).toString());
                    }
                    default -> {
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            subscriptions.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    FakePushChannel start() throws InterruptedException {
        Server s = new Server(port);
        s.start();
        if (!s.started.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("fake push channel did not start");
        }
        port = s.getPort();
        server = s;
        return this;
    }

    /** Drops every connection and stops listening. */
    void stop() throws InterruptedException {
        Server s = server;
        server = null;
        subscriptions.clear();
        if (s != null) {
            s.stop(1000);
        }
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + port + "/event/realtime");
    }

    int subscribed() {
        return subscriptions.size();
    }

    /** Subscriptions made since start, reconnects included. */
    int subscribes() {
        return subscribes.get();
    }

    String lastChannel() {
        return lastChannel;
    }

    void notifyAll(ChangeNotification notification) {
        subscriptions.forEach((conn, id) -> {
            ObjectNode data = JSON.createObjectNode().put("type", "data").put("id", id)
                    .put("event", notification.toJson());
            conn.send(data.toString());
        });
    }

    /** Sends a raw text frame to every subscriber. */
    void sendRaw(String text) {
        subscriptions.keySet().forEach(conn -> conn.send(text));
    }

    /** Sends a data event with this (possibly malformed) event payload to every subscriber. */
    void sendEvent(String event) {
        subscriptions.forEach((conn, id) -> conn.send(JSON.createObjectNode().put("type", "data").put("id", id)
                .put("event", event).toString()));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
