package dev.vexil.local.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.local.edge.SdkKeyLookup;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;
import dev.vexil.wire.SdkKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * One run of the local push endpoint: the AppSync Events WebSocket protocol, the subset the SDK speaks
 * (docs/push.md, "Protocol"). Subprotocol {@code aws-appsync-event-ws}; the SDK key travels in the
 * {@code header-<base64url(json)>} subprotocol (connect) and in each {@code subscribe} message's
 * {@code authorization}; {@code connection_init} → {@code connection_ack}; {@code ka} every keep-alive interval;
 * {@code subscribe} → {@code subscribe_success} or {@code subscribe_error}; {@code data} carries the notification as
 * a JSON string in {@code event}. The key is checked like the edge checks it, at connect and at every subscribe,
 * so a revoked key is refused at its next connect; a key may subscribe only to its own environment's channel.
 */
final class EventsProtocolHub extends WebSocketServer {
    private static final Logger LOG = Logger.getLogger(EventsProtocolHub.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBPROTOCOL = "aws-appsync-event-ws";
    private static final String HEADER_PREFIX = "header-";
    /** Frames larger than this are refused by the library (ours are a few hundred bytes). */
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private final SdkKeyLookup keys;
    private final Duration keepAlive;
    private final Runnable refused;
    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService keepAliveTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vexil-push-ka");
        t.setDaemon(true);
        return t;
    });
    /** Subscriptions per channel: connection → subscription id. */
    private final Map<String, Map<WebSocket, String>> channels = new ConcurrentHashMap<>();
    private volatile Exception startFailure;

    /** What a connection presented at connect. */
    private record Connection(String sdkKey, boolean acknowledged) {
    }

    private EventsProtocolHub(InetSocketAddress address, SdkKeyLookup keys, Duration keepAlive, Runnable refused) {
        super(address, List.of(new Draft_6455(List.of(), List.of(new Protocol(SUBPROTOCOL)), MAX_FRAME_BYTES)));
        this.keys = keys;
        this.keepAlive = keepAlive;
        this.refused = refused;
        setReuseAddr(true);
        setDaemon(true);
    }

    /** {@code refused} runs for every connect or subscribe refused for its key. */
    static EventsProtocolHub start(InetSocketAddress address, SdkKeyLookup keys, Duration keepAlive,
                                   Runnable refused) {
        EventsProtocolHub hub = new EventsProtocolHub(address, keys, keepAlive, refused);
        hub.start();
        try {
            if (!hub.started.await(10, TimeUnit.SECONDS) || hub.startFailure != null) {
                hub.shutdown();
                throw new UncheckedIOException(new IOException("push channel could not listen on " + address,
                        hub.startFailure));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hub.shutdown();
            throw new IllegalStateException("interrupted while starting the push channel", e);
        }
        long period = keepAlive.toMillis();
        hub.keepAliveTimer.scheduleAtFixedRate(hub::sendKeepAlives, period, period, TimeUnit.MILLISECONDS);
        return hub;
    }

    int boundPort() {
        return getPort();
    }

    void shutdown() {
        keepAliveTimer.shutdownNow();
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int subscribers(String channel) {
        return channels.getOrDefault(channel, Map.of()).size();
    }

    void publish(String channel, String eventJson) {
        channels.getOrDefault(channel, Map.of()).forEach((connection, id) -> {
            ObjectNode data = JSON.createObjectNode().put("type", "data").put("id", id).put("event", eventJson);
            sendQuietly(connection, data);
        });
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        String path = handshake.getResourceDescriptor();
        if (!PushServer.PATH.equals(path == null ? null : path.split("\\?", 2)[0])) {
            connection.close(1008, "unknown path");
            return;
        }
        connection.setAttachment(new Connection(keyFromSubprotocols(handshake.getFieldValue("Sec-WebSocket-Protocol")),
                false));
    }

    @Override
    public void onMessage(WebSocket connection, String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            sendError(connection, null, "BadRequestException", "message is not JSON");
            return;
        }
        Connection state = connection.getAttachment();
        String type = message.path("type").asText("");
        String id = message.path("id").isTextual() ? message.get("id").textValue() : null;
        switch (type) {
            case "connection_init" -> acknowledge(connection, state);
            case "subscribe" -> subscribe(connection, state, id, message);
            case "unsubscribe" -> {
                channels.values().forEach(subscribed -> subscribed.remove(connection, id));
                sendQuietly(connection, JSON.createObjectNode().put("type", "unsubscribe_success").put("id", id));
            }
            default -> sendError(connection, id, "UnsupportedOperation", "unsupported message type '" + type + "'");
        }
    }

    private void acknowledge(WebSocket connection, Connection state) {
        if (state == null || authorise(state.sdkKey()).isEmpty()) {
            refused.run();
            ObjectNode error = JSON.createObjectNode().put("type", "connection_error");
            error.putArray("errors").addObject().put("errorType", "UnauthorizedException")
                    .put("message", "the SDK key is missing, unknown or revoked");
            sendQuietly(connection, error);
            connection.close(1008, "unauthorized");
            return;
        }
        connection.setAttachment(new Connection(state.sdkKey(), true));
        sendQuietly(connection, JSON.createObjectNode().put("type", "connection_ack")
                .put("connectionTimeoutMs", keepAlive.toMillis() * 3));
    }

    private void subscribe(WebSocket connection, Connection state, String id, JsonNode message) {
        String channel = message.path("channel").asText("");
        if (id == null || id.isEmpty() || id.length() > 128) {
            sendError(connection, id, "BadRequestException", "subscribe needs an id");
            return;
        }
        if (state == null || !state.acknowledged()) {
            sendSubscribeError(connection, id, "BadRequestException", "send connection_init first");
            return;
        }
        String key = message.path("authorization").path("Authorization").asText(state.sdkKey());
        Optional<EnvironmentId> environment;
        try {
            environment = authorise(key);
        } catch (RuntimeException e) { // the key store failed: say so, never "unauthorized"
            LOG.log(Level.WARNING, "push: the SDK-key lookup failed", e);
            sendSubscribeError(connection, id, "InternalFailureException", "the SDK key could not be checked");
            return;
        }
        if (environment.isEmpty() || !PushChannels.of(environment.get()).equals(channel)) {
            refused.run();
            sendSubscribeError(connection, id, "UnauthorizedException",
                    "not authorized to subscribe to " + channel);
            return;
        }
        channels.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).put(connection, id);
        sendQuietly(connection, JSON.createObjectNode().put("type", "subscribe_success").put("id", id));
    }

    private Optional<EnvironmentId> authorise(String sdkKey) {
        if (sdkKey == null || !SdkKeys.isWellFormed(sdkKey)) {
            return Optional.empty();
        }
        return keys.environmentOf(SdkKeys.hash(sdkKey));
    }

    /** The {@code Authorization} member of the {@code header-<base64url(json)>} subprotocol, or null. */
    static String keyFromSubprotocols(String offered) {
        if (offered == null) {
            return null;
        }
        for (String protocol : offered.split(",")) {
            String p = protocol.trim();
            if (p.startsWith(HEADER_PREFIX)) {
                try {
                    byte[] json = Base64.getUrlDecoder().decode(p.substring(HEADER_PREFIX.length()));
                    JsonNode header = JSON.readTree(new String(json, StandardCharsets.UTF_8));
                    return header.path("Authorization").isTextual() ? header.get("Authorization").textValue() : null;
                } catch (IllegalArgumentException | IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private void sendKeepAlives() {
        String ka = "{\"type\":\"ka\"}";
        for (WebSocket connection : getConnections()) {
            Connection state = connection.getAttachment();
            if (state != null && state.acknowledged() && connection.isOpen()) {
                try {
                    connection.send(ka);
                } catch (RuntimeException e) {
                    // closing; onClose cleans up
                }
            }
        }
    }

    private void sendSubscribeError(WebSocket connection, String id, String errorType, String text) {
        ObjectNode error = JSON.createObjectNode().put("type", "subscribe_error").put("id", id);
        error.putArray("errors").addObject().put("errorType", errorType).put("message", text);
        sendQuietly(connection, error);
    }

    private void sendError(WebSocket connection, String id, String errorType, String text) {
        ObjectNode error = JSON.createObjectNode().put("type", "error");
        if (id != null) {
            error.put("id", id);
        }
        error.putArray("errors").addObject().put("errorType", errorType).put("message", text);
        sendQuietly(connection, error);
    }

    private static void sendQuietly(WebSocket connection, ObjectNode message) {
        try {
            if (connection.isOpen()) {
                connection.send(message.toString());
            }
        } catch (RuntimeException e) {
            // the connection closed meanwhile; onClose removes it
        }
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        channels.values().forEach(subscribed -> subscribed.remove(connection));
    }

    @Override
    public void onError(WebSocket connection, Exception e) {
        if (connection == null) { // the server itself: e.g. the port is taken
            startFailure = e;
            started.countDown();
            return;
        }
        LOG.log(Level.FINE, "push: connection error", e);
    }
}
