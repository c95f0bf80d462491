package dev.vexil.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.snapshot.JsonTypes;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The emergency kill list of one environment, {@code snapshots/<project>/<env>/killswitch.json} (served at
 * {@code GET /sdk/v1/killswitch}): {@code {"flags": ["flag-key", ...], "reason": "optional text",
 * "updatedAt": "optional ISO-8601"}}. The listed flags serve their off variation in every SDK. Operators may write
 * the file by hand, straight into the store, when the admin API is down; the publisher and the SDKs read it with
 * {@link #parse(byte[])}, the one reader, so a file one side accepts the other side accepts too.
 *
 * <p>What is refused ({@link KillListFormatException}): anything but a JSON object, and an object without a
 * {@code flags} array whose every element is a string. That is the data an SDK acts on; an SDK refuses such a file
 * and keeps the kill list it had. What is tolerated: unknown members (ignored), and a {@code reason} or
 * {@code updatedAt} that is not a string (read as absent). Those two only inform a human, and a typo in them
 * during an incident must not stop the listed flags from being turned off. {@code updatedAt} is kept as text, not
 * parsed.
 *
 * @param flags     the keys of the flags to force off; never null
 * @param reason    why, for humans; null when absent
 * @param updatedAt when it was written, as the writer gave it; null when absent
 */
public record KillList(Set<String> flags, String reason, String updatedAt) {
    /** No kill list (the store answered 404): nothing is forced off. */
    public static final KillList NONE = new KillList(Set.of(), null, null);

    private static final ObjectMapper JSON = new ObjectMapper();

    public KillList {
        flags = Set.copyOf(flags);
    }

    /** Reads a kill list document (UTF-8 JSON, not gzip); see the class comment for what is refused. */
    public static KillList parse(byte[] json) throws KillListFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new KillListFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new KillListFormatException("unreadable: " + e.getMessage(), e);
        }
        return parse(root);
    }

    /** Reads a kill list already parsed as JSON, e.g. embedded in another document; same rules. */
    public static KillList parse(JsonNode root) throws KillListFormatException {
        if (root == null || !root.isObject()) {
            throw new KillListFormatException("expected a JSON object, got " + JsonTypes.kind(root));
        }
        JsonNode list = root.get("flags");
        if (list == null || !list.isArray()) {
            throw new KillListFormatException("flags: expected an array of flag keys, got " + JsonTypes.kind(list));
        }
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode key = list.get(i);
            if (!key.isTextual()) {
                throw new KillListFormatException("flags[" + i + "]: expected a flag key (a string), got "
                        + JsonTypes.kind(key));
            }
            keys.add(key.textValue());
        }
        return new KillList(keys, textOrNull(root.get("reason")), textOrNull(root.get("updatedAt")));
    }

    /** Informational members: a value of another type is read as absent (see the class comment). */
    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** The document form: flags sorted, {@code reason} and {@code updatedAt} only when present. */
    public ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("flags");
        new TreeSet<>(flags).forEach(list::add);
        if (reason != null) {
            root.put("reason", reason);
        }
        if (updatedAt != null) {
            root.put("updatedAt", updatedAt);
        }
        return root;
    }

    /** {@link #toJsonNode()} as compact UTF-8 JSON, which {@link #parse(byte[])} reads back equal. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(toJsonNode());
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
