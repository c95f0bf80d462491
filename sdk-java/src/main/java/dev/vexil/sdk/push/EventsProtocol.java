package dev.vexil.sdk.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The messages of the AppSync Events WebSocket protocol that the SDK sends and reads (docs/push.md, "Protocol").
 * The SDK key goes where AppSync's Lambda authorizer reads it: the {@code Authorization} member of the
 * {@code header-<base64url(json)>} subprotocol at connect, and of each subscribe's {@code authorization}.
 */
final class EventsProtocol {
    static final String SUBPROTOCOL = "aws-appsync-event-ws";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message received, by type; {@code event} is the data event's payload (a JSON string), else null. */
    record Message(String type, String id, String event, long connectionTimeoutMs, String error) {
    }

    private EventsProtocol() {
    }

    /**
     * The host the authorization names: AppSync's HTTP domain, which is the realtime domain with
     * {@code appsync-realtime-api} read as {@code appsync-api}; any other host (a custom domain, local mode) as is.
     */
    static String authHost(URI realtimeUrl) {
        String host = realtimeUrl.getHost() + (realtimeUrl.getPort() > 0 ? ":" + realtimeUrl.getPort() : "");
        return host.replace(".appsync-realtime-api.", ".appsync-api.");
    }

    static String headerSubprotocol(URI realtimeUrl, String sdkKey) {
        ObjectNode header = authorization(realtimeUrl, sdkKey);
        return "header-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(header.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String connectionInit() {
        return "{\"type\":\"connection_init\"}";
    }

    static String subscribe(String id, String channel, URI realtimeUrl, String sdkKey) {
        ObjectNode message = JSON.createObjectNode().put("type", "subscribe").put("id", id).put("channel", channel);
        message.set("authorization", authorization(realtimeUrl, sdkKey));
        return message.toString();
    }

    private static ObjectNode authorization(URI realtimeUrl, String sdkKey) {
        return JSON.createObjectNode().put("host", authHost(realtimeUrl)).put("Authorization", sdkKey);
    }

    /** Reads one message; {@link IllegalArgumentException} for anything that is not a protocol message. */
    static Message parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new IllegalArgumentException("not a protocol message (no type)");
        }
        JsonNode event = node.get("event");
        JsonNode errors = node.get("errors");
        return new Message(node.get("type").textValue(),
                node.path("id").isTextual() ? node.get("id").textValue() : null,
                event != null && event.isTextual() ? event.textValue() : null,
                node.path("connectionTimeoutMs").asLong(0),
                errors == null ? null : errors.toString());
    }
}
