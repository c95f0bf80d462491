package dev.vexil.core.publish;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The emergency kill list format: {@code {"flags": ["flag-key", ...], "reason": "optional text",
 * "updatedAt": "optional ISO-8601"}}; unknown fields are ignored by readers. Checked before it is written, so
 * that a typo never replaces a good kill list with one the SDKs would refuse.
 */
public final class KillList {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KillList() {
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong if {@code json} is not a kill list. */
    public static void requireValid(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("kill list: not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("kill list: unreadable: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("kill list: expected a JSON object");
        }
        JsonNode flags = root.get("flags");
        if (flags == null || !flags.isArray()) {
            throw new IllegalArgumentException("flags: expected an array of flag keys");
        }
        for (int i = 0; i < flags.size(); i++) {
            if (!flags.get(i).isTextual()) {
                throw new IllegalArgumentException("flags[" + i + "]: expected a flag key (string)");
            }
        }
        requireOptionalText(root, "reason");
        requireOptionalText(root, "updatedAt");
    }

    private static void requireOptionalText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
    }
}
