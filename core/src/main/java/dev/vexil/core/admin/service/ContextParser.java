package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.Context;
import dev.vexil.snapshot.JsonTypes;
import dev.vexil.validate.KeyRules;
import dev.vexil.validate.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the dry-run's evaluation contexts from JSON.
 * <ul>
 *   <li>Single kind: {@code {"key": "alice", "kind": "user", "country": "DE", "groups": ["beta"]}}; {@code kind}
 *       defaults to {@code user}; every other member is an attribute (string, number, boolean, or an array of
 *       those; null means absent).</li>
 *   <li>Multi-kind: {@code {"kind": "multi", "user": {"key": "alice", ...}, "organization": {"key": "acme"}}}:
 *       each member is a single-kind context (without {@code kind}) of the kind it is named after.</li>
 * </ul>
 * Problems carry paths such as {@code contexts[2].groups[1]}.
 */
final class ContextParser {
    static final String MULTI = "multi";

    private ContextParser() {
    }

    static Context parse(JsonNode node, String path, List<Problem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem(path, "expected a context object, got " + JsonTypes.kind(node)));
            return null;
        }
        JsonNode kind = node.get("kind");
        if (kind != null && kind.isTextual() && MULTI.equals(kind.textValue())) {
            return multi(node, path, problems);
        }
        String kindName = Context.DEFAULT_KIND;
        if (kind != null && !kind.isNull()) {
            if (!kind.isTextual() || !KeyRules.isValidKey(kind.textValue())) {
                problems.add(new Problem(path + ".kind", "expected a context kind such as \"user\", got " + kind));
                return null;
            }
            kindName = kind.textValue();
        }
        return single(node, kindName, path, problems);
    }

    private static Context multi(JsonNode node, String path, List<Problem> problems) {
        List<Context> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if ("kind".equals(member.getKey())) {
                continue;
            }
            String partPath = path + "." + member.getKey();
            if (!KeyRules.isValidKey(member.getKey()) || MULTI.equals(member.getKey())) {
                problems.add(new Problem(partPath, "not a valid context kind"));
                continue;
            }
            if (!member.getValue().isObject()) {
                problems.add(new Problem(partPath, "expected a context object, got "
                        + JsonTypes.kind(member.getValue())));
                continue;
            }
            if (member.getValue().has("kind")) {
                problems.add(new Problem(partPath + ".kind", "the kind of a part is its member name; omit kind"));
                continue;
            }
            Context part = single(member.getValue(), member.getKey(), partPath, problems);
            if (part != null) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new Problem(path, "a multi-kind context needs at least one kind"));
            }
            return null;
        }
        return Context.multi(parts.toArray(new Context[0]));
    }

    private static Context single(JsonNode node, String kind, String path, List<Problem> problems) {
        JsonNode key = node.get("key");
        if (key == null || !key.isTextual() || key.textValue().isEmpty()) {
            problems.add(new Problem(path + ".key", "a context needs a non-empty string key"));
            return null;
        }
        Context.Builder builder = Context.builder(kind, key.textValue());
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            String valuePath = path + "." + name;
            if ("key".equals(name) || "kind".equals(name) || value.isNull()) {
                continue;
            }
            if (value.isTextual()) {
                builder.set(name, value.textValue());
            } else if (value.isNumber()) {
                builder.set(name, value.numberValue());
            } else if (value.isBoolean()) {
                builder.set(name, value.booleanValue());
            } else if (value.isArray()) {
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    JsonNode element = value.get(i);
                    if (element.isTextual()) {
                        elements.add(element.textValue());
                    } else if (element.isNumber()) {
                        elements.add(element.numberValue());
                    } else if (element.isBoolean()) {
                        elements.add(element.booleanValue());
                    } else {
                        problems.add(new Problem(valuePath + "[" + i + "]",
                                "expected a string, number or boolean, got " + JsonTypes.kind(element)));
                    }
                }
                builder.set(name, elements);
            } else {
                problems.add(new Problem(valuePath, "an attribute is a string, number, boolean or an array of those,"
                        + " got " + JsonTypes.kind(value)));
            }
        }
        return problems.size() == before ? builder.build() : null;
    }
}
