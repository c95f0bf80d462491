package dev.vexil.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The emergency kill list ({@code GET /sdk/v1/killswitch}):
 * {@code {"flags": ["flag-key", ...], "reason": "optional text", "updatedAt": "optional ISO-8601"}}.
 * Unknown fields are ignored. Listed flags serve their off variation.
 */
record KillList(Set<String> flags, String reason, String updatedAt) {
    static final KillList NONE = new KillList(Set.of(), null, null);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    KillList {
        flags = Set.copyOf(flags);
    }

    /** Parses a kill list body; refuses anything that is not an object with a {@code flags} array of strings. */
    static KillList parse(byte[] body) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("kill list is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("kill list must be a JSON object");
        }
        JsonNode list = root.get("flags");
        if (list == null || !list.isArray()) {
            throw new IOException("kill list: 'flags' must be an array of flag keys");
        }
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode key = list.get(i);
            if (!key.isTextual()) {
                throw new IOException("kill list: flags[" + i + "] must be a string");
            }
            keys.add(key.textValue());
        }
        return new KillList(keys, text(root.get("reason")), text(root.get("updatedAt")));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
