package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds numbers that have no JSON (and so no canonical) form: Jackson parses {@code 1e400} to an infinite double.
 * Iterative, so that a deeply nested document cannot overflow the stack.
 */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /** The paths ({@code a.b[0]} form; "" is the document) of every infinite or NaN number in {@code root}. */
    public static List<String> nonFinitePaths(JsonNode root) {
        List<String> found = new ArrayList<>();
        if (!containsNonFinite(root)) {
            return found; // the common case, without building a path string per node
        }
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isNumber() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
                found.add(path);
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    members.add(Map.entry(path.isEmpty() ? member.getKey() : path + "." + member.getKey(),
                            member.getValue()));
                }
                for (int i = members.size() - 1; i >= 0; i--) {
                    pending.push(members.get(i));
                }
            }
        }
        return found;
    }

    private static boolean containsNonFinite(JsonNode root) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isNumber() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
                return true;
            }
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(pending::push);
            }
        }
        return false;
    }
}
