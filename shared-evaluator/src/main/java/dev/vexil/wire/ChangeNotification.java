package dev.vexil.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What the compiler publishes on an environment's push channel after it published a new snapshot version
 * (docs/push.md): {@code {"version": N, "contentHash": "sha256:…", "etag": "\"…\""}}. It carries no flag data;
 * an SDK that holds an older version fetches the update through the edge, and uses {@code contentHash} to check
 * a snapshot rebuilt from a delta, and {@code etag} (the current snapshot's ETag at the edge, when known) to
 * revalidate afterwards with a 304 instead of downloading the snapshot again. Unknown members are ignored.
 *
 * @param etag null when the publisher could not tell it
 */
public record ChangeNotification(long version, String contentHash, String etag) {
    /** The largest notification read; anything longer is not one of ours. */
    public static final int MAX_BYTES = 1024;
    private static final Pattern HASH = Pattern.compile("^sha256:[0-9a-f]{64}$");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ChangeNotification {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        if (contentHash == null || !HASH.matcher(contentHash).matches()) {
            throw new IllegalArgumentException("contentHash must be sha256:<64 hex digits>, got " + contentHash);
        }
        if (etag != null && (etag.isEmpty() || etag.length() > 200)) {
            throw new IllegalArgumentException("etag must be 1 to 200 characters");
        }
    }

    /** The JSON text published. */
    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", version);
        node.put("contentHash", contentHash);
        if (etag != null) {
            node.put("etag", etag);
        }
        return node.toString();
    }

    /** Reads a notification; {@link IllegalArgumentException} naming the problem for anything else. */
    public static ChangeNotification parse(String json) {
        if (json == null || json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("notification missing or over " + MAX_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("notification is not JSON", e);
        }
        if (node == null || !node.isObject() || !node.path("version").canConvertToLong()
                || !node.path("version").isIntegralNumber() || !node.path("contentHash").isTextual()) {
            throw new IllegalArgumentException("notification must be an object with an integer version and a"
                    + " contentHash");
        }
        JsonNode etag = node.get("etag");
        if (etag != null && !etag.isTextual()) {
            throw new IllegalArgumentException("notification etag must be a string");
        }
        return new ChangeNotification(node.get("version").longValue(), node.get("contentHash").textValue(),
                etag == null ? null : etag.textValue());
    }
}
