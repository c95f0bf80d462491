package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A small structural diff between two JSON documents, stored with every change and shown in history:
 * a list of {@code {"op": "add"|"remove"|"replace", "path": <JSON Pointer>, "from"?: old, "to"?: new}}.
 * Objects are compared member by member (members of the old document first, in their order, then new ones);
 * arrays element by element by index, with additions or removals at the tail. It describes; it is not a patch
 * format meant for replay (a rollback restores a stored version, it never replays diffs).
 */
public final class JsonDiff {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonDiff() {
    }

    /** {@code before} null means "did not exist" and is treated as an empty object. */
    public static ArrayNode between(JsonNode before, JsonNode after) {
        ArrayNode ops = NODES.arrayNode();
        JsonNode from = before == null || before.isNull() || before.isMissingNode() ? NODES.objectNode() : before;
        JsonNode to = after == null || after.isNull() || after.isMissingNode() ? NODES.objectNode() : after;
        compare("", from, to, ops);
        return ops;
    }

    private static void compare(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            compareObjects(path, from, to, ops);
        } else if (from.isArray() && to.isArray()) {
            compareArrays(path, from, to, ops);
        } else {
            ops.add(op("replace", path).<ObjectNode>set("from", from.deepCopy()).set("to", to.deepCopy()));
        }
    }

    private static void compareObjects(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String childPath = path + "/" + escape(member.getKey());
            JsonNode newValue = to.get(member.getKey());
            if (newValue == null) {
                ops.add(op("remove", childPath).set("from", member.getValue().deepCopy()));
            } else {
                compare(childPath, member.getValue(), newValue, ops);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!from.has(member.getKey())) {
                ops.add(op("add", path + "/" + escape(member.getKey())).set("to", member.getValue().deepCopy()));
            }
        }
    }

    private static void compareArrays(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        int common = Math.min(from.size(), to.size());
        for (int i = 0; i < common; i++) {
            compare(path + "/" + i, from.get(i), to.get(i), ops);
        }
        for (int i = common; i < to.size(); i++) {
            ops.add(op("add", path + "/" + i).set("to", to.get(i).deepCopy()));
        }
        // Highest index first, so that each pointer is still valid when the removals are read in order.
        for (int i = from.size() - 1; i >= common; i--) {
            ops.add(op("remove", path + "/" + i).set("from", from.get(i).deepCopy()));
        }
    }

    private static ObjectNode op(String name, String path) {
        ObjectNode op = NODES.objectNode();
        op.put("op", name);
        op.put("path", path);
        return op;
    }

    /** RFC 6901: '~' becomes "~0" and '/' becomes "~1". */
    static String escape(String member) {
        return member.replace("~", "~0").replace("/", "~1");
    }
}
