package dev.vexil.core.store.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a version item under DynamoDB's 400 KB item limit: the content is at most 128 KiB (the validator's
 * limit), and the diff stored beside it is at most {@link #MAX_DIFF_BYTES}. A larger diff is replaced by a small
 * summary; both full contents stay in history, so nothing is lost that cannot be recomputed.
 */
public final class DiffCap {
    public static final int MAX_DIFF_BYTES = 64 * 1024;

    private DiffCap() {
    }

    /** The JSON to store for {@code diff}; null when there is no diff. */
    public static String forStorage(JsonNode diff) {
        if (diff == null || diff.isNull()) {
            return null;
        }
        String json = StoreJson.write(diff);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_DIFF_BYTES) {
            return json;
        }
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("truncated", true);
        summary.put("originalBytes", bytes);
        summary.put("note", "diff larger than " + MAX_DIFF_BYTES
                + " bytes omitted; compare this version's content with the previous one");
        return StoreJson.write(summary);
    }
}
