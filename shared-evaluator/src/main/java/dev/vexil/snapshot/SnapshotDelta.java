package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The delta format v1 (docs/snapshot-format.md, "Deltas"): what turns one snapshot version of an environment into
 * a later one. The server builds it with {@link #between}; the SDK rebuilds the target with {@link #apply}, which
 * refuses to return anything whose content hash is not the target's. The rebuilt document carries the target's
 * signature (a top-level member like any other), so it then verifies exactly as if it had been fetched whole.
 *
 * <p>A delta lists, against the source: the top-level members that differ (whole values: {@code version},
 * {@code generatedAt}, {@code signature}, {@code malformedFlags}, unknown ones), the members that are gone, the
 * flags and segments that were added or changed (whole objects) and the keys of those removed. Flags and segments
 * of the rebuilt document are sorted by key, as the compiler writes them.
 */
public final class SnapshotDelta {
    public static final int FORMAT = 1;
    /** The JSON Schema of delta format v1, as a class-path resource. */
    public static final String SCHEMA_RESOURCE = "/dev/vexil/snapshot/delta-v1.schema.json";

    static final String FORMAT_FIELD = "deltaFormat";
    private static final List<String> KEYED_ARRAYS = List.of("flags", "segments");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SnapshotDelta() {
    }

    /** The version and content hash at one end of a delta. */
    public record End(long version, String contentHash) {
    }

    /**
     * The delta from {@code from} to {@code to}, two verified snapshot trees (with {@code contentHash}) of the same
     * environment.
     */
    public static ObjectNode between(JsonNode from, JsonNode to) {
        ObjectNode delta = NODES.objectNode();
        delta.put(FORMAT_FIELD, FORMAT);
        delta.set("project", to.get("project"));
        delta.set("environment", to.get("environment"));
        delta.set("from", end(from));
        delta.set("to", end(to));
        ObjectNode members = delta.putObject("members");
        ArrayNode removedMembers = delta.putArray("removedMembers");
        for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            if (!name.equals(SnapshotCodec.HASH_FIELD) && !KEYED_ARRAYS.contains(name)
                    && !member.getValue().equals(from.get(name))) {
                members.set(name, member.getValue());
            }
        }
        for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!to.has(name) && !KEYED_ARRAYS.contains(name)) {
                removedMembers.add(name);
            }
        }
        for (String array : KEYED_ARRAYS) {
            Map<String, JsonNode> before = byKey(from.get(array), array);
            Map<String, JsonNode> after = byKey(to.get(array), array);
            ArrayNode changed = delta.putArray(array);
            ArrayNode removed = delta.putArray(removedName(array));
            after.forEach((key, item) -> {
                if (!item.equals(before.get(key))) {
                    changed.add(item);
                }
            });
            before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(removed::add);
        }
        return delta;
    }

    /** The canonical bytes of a delta (deltas are stored and hashed nowhere else, but canonical keeps them stable). */
    public static byte[] write(ObjectNode delta) {
        return CanonicalJson.bytes(delta);
    }

    /** Parses a delta and checks its shape; {@link SnapshotFormatException} says what is wrong. */
    public static ObjectNode read(byte[] json) throws SnapshotFormatException {
        JsonNode tree;
        try {
            tree = SnapshotCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new SnapshotFormatException("delta is not valid JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new SnapshotFormatException("a delta must be a JSON object");
        }
        JsonNode format = tree.get(FORMAT_FIELD);
        if (format == null || !format.isInt() || format.intValue() != FORMAT) {
            throw new SnapshotFormatException("unsupported deltaFormat " + format + "; this reader supports " + FORMAT);
        }
        end(tree, "from");
        end(tree, "to");
        requireType(tree, "members", JsonNode::isObject, "an object");
        requireType(tree, "removedMembers", JsonNode::isArray, "an array");
        for (String array : KEYED_ARRAYS) {
            requireType(tree, array, JsonNode::isArray, "an array");
            requireType(tree, removedName(array), JsonNode::isArray, "an array");
        }
        return (ObjectNode) tree;
    }

    /** The source end of a delta read by {@link #read}. */
    public static End from(ObjectNode delta) throws SnapshotFormatException {
        return end(delta, "from");
    }

    /** The target end of a delta read by {@link #read}. */
    public static End to(ObjectNode delta) throws SnapshotFormatException {
        return end(delta, "to");
    }

    /**
     * Rebuilds the target: applies {@code delta} to {@code from} (a verified snapshot tree) and returns the target's
     * canonical bytes, {@code contentHash} included, ready for the same reading and signature check as a snapshot
     * fetched whole. Refuses a delta for another source, and any result that does not hash to the delta's target.
     */
    public static byte[] apply(JsonNode from, ObjectNode delta) throws SnapshotFormatException {
        End source = from(delta);
        End target = to(delta);
        JsonNode held = from.get(SnapshotCodec.HASH_FIELD);
        if (held == null || !source.contentHash().equals(held.asText())) {
            throw new SnapshotFormatException("delta is for " + source.contentHash() + ", not for the snapshot held ("
                    + (held == null ? "no contentHash" : held.asText()) + ")");
        }
        try {
            return rebuild(from, delta, target);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException("delta cannot be applied: " + e.getMessage(), e);
        }
    }

    private static byte[] rebuild(JsonNode from, ObjectNode delta, End target) throws SnapshotFormatException {
        ObjectNode result = from.deepCopy();
        result.remove(SnapshotCodec.HASH_FIELD);
        delta.get("removedMembers").forEach(name -> result.remove(name.asText()));
        delta.get("members").fields().forEachRemaining(m -> {
            if (!KEYED_ARRAYS.contains(m.getKey()) && !m.getKey().equals(SnapshotCodec.HASH_FIELD)) {
                result.set(m.getKey(), m.getValue());
            }
        });
        for (String array : KEYED_ARRAYS) {
            Map<String, JsonNode> items = byKey(from.get(array), array);
            delta.get(removedName(array)).forEach(key -> items.remove(key.asText()));
            for (JsonNode item : delta.get(array)) {
                items.put(keyOf(item, array), item);
            }
            ArrayNode merged = result.putArray(array);
            items.values().forEach(merged::add); // a TreeMap: sorted by key, as the compiler writes them
        }
        CanonicalJson.WithDerivedMember sealed = SnapshotCodec.sealTree(result);
        if (!sealed.value().equals(target.contentHash())) {
            throw new SnapshotFormatException("delta result hashes to " + sealed.value() + ", not to the target's "
                    + target.contentHash());
        }
        return sealed.bytes();
    }

    private static ObjectNode end(JsonNode snapshot) {
        ObjectNode end = NODES.objectNode();
        end.set("version", snapshot.get("version"));
        end.set(SnapshotCodec.HASH_FIELD, snapshot.get(SnapshotCodec.HASH_FIELD));
        return end;
    }

    private static End end(JsonNode delta, String name) throws SnapshotFormatException {
        JsonNode end = delta.get(name);
        if (end == null || !end.isObject() || !end.path("version").isIntegralNumber()
                || !end.path(SnapshotCodec.HASH_FIELD).isTextual()) {
            throw new SnapshotFormatException("delta member " + name + " must be {version, contentHash}");
        }
        return new End(end.get("version").longValue(), end.get(SnapshotCodec.HASH_FIELD).textValue());
    }

    private static void requireType(JsonNode tree, String name, java.util.function.Predicate<JsonNode> ok,
                                    String expected) throws SnapshotFormatException {
        JsonNode member = tree.get(name);
        if (member == null || !ok.test(member)) {
            throw new SnapshotFormatException("delta member " + name + " must be " + expected);
        }
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String name) {
        Map<String, JsonNode> items = new TreeMap<>();
        if (array != null) {
            for (JsonNode item : array) {
                items.put(keyOf(item, name), item);
            }
        }
        return items;
    }

    private static String keyOf(JsonNode item, String array) {
        JsonNode key = item.get("key");
        if (key == null || !key.isTextual()) {
            throw new IllegalArgumentException(array + " item without a string key");
        }
        return key.textValue();
    }

    private static String removedName(String array) {
        return "removed" + Character.toUpperCase(array.charAt(0)) + array.substring(1);
    }
}
