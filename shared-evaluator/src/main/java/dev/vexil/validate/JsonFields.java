package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.snapshot.JsonTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Typed reads of JSON fields that report a problem, instead of throwing, when a field is missing or has the wrong
 * type. A JSON {@code null} counts as absent. Each reader returns null when the value is unusable, so callers
 * simply skip the checks that depend on it.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** {@code node} if it is an object; otherwise reports "expected an object" at {@code path}. */
    public static JsonNode object(JsonNode node, String path, ProblemCollector problems) {
        if (node != null && node.isObject()) {
            return node;
        }
        problems.add(path, "expected an object, got " + JsonTypes.describe(node));
        return null;
    }

    /** Reports every member of {@code object} whose name is not in {@code allowed}. */
    public static void rejectUnknown(JsonNode object, String path, Set<String> allowed, ProblemCollector problems) {
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        for (String name : unknown) {
            problems.add(Paths.field(path, name), "unknown field \"" + name + "\"; allowed fields are "
                    + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    public static void missing(String path, ProblemCollector problems) {
        problems.add(path, "required field is missing");
    }

    public static String string(JsonNode object, String field, String path, boolean required,
                                ProblemCollector problems) {
        JsonNode value = typed(object, field, path, required, problems, JsonNode::isTextual, "a string");
        return value == null ? null : value.textValue();
    }

    /** A required string that must contain something other than white space. */
    public static String nonBlankString(JsonNode object, String field, String path, ProblemCollector problems) {
        String value = string(object, field, path, true, problems);
        if (value != null && value.isBlank()) {
            problems.add(Paths.field(path, field), "must not be blank");
            return null;
        }
        return value;
    }

    public static Boolean bool(JsonNode object, String field, String path, boolean required,
                               ProblemCollector problems) {
        JsonNode value = typed(object, field, path, required, problems, JsonNode::isBoolean, "true or false");
        return value == null ? null : value.booleanValue();
    }

    /** A whole number that fits in 32 bits. */
    public static Integer integer(JsonNode object, String field, String path, boolean required,
                                  ProblemCollector problems) {
        JsonNode value = typed(object, field, path, required, problems,
                n -> n.isIntegralNumber() && n.canConvertToInt(), "a whole number");
        return value == null ? null : value.intValue();
    }

    /** A whole number that fits in 64 bits. */
    public static Long longValue(JsonNode object, String field, String path, boolean required,
                                 ProblemCollector problems) {
        JsonNode value = typed(object, field, path, required, problems,
                n -> n.isIntegralNumber() && n.canConvertToLong(), "a whole number");
        return value == null ? null : value.longValue();
    }

    public static JsonNode array(JsonNode object, String field, String path, boolean required,
                                 ProblemCollector problems) {
        return typed(object, field, path, required, problems, JsonNode::isArray, "an array");
    }

    /** {@code object.field} if present and of the expected type; otherwise null, with a problem where one is due. */
    private static JsonNode typed(JsonNode object, String field, String path, boolean required,
                                  ProblemCollector problems, Predicate<JsonNode> hasType, String expected) {
        JsonNode value = object.get(field);
        String at = Paths.field(path, field);
        if (isAbsent(value)) {
            if (required) {
                missing(at, problems);
            }
            return null;
        }
        if (!hasType.test(value)) {
            problems.add(at, "expected " + expected + ", got " + JsonTypes.describe(value));
            return null;
        }
        return value;
    }

    /** The strings of an array field; non-string or empty elements are reported and left out. */
    public static List<String> strings(JsonNode object, String field, String path, ProblemCollector problems) {
        JsonNode array = array(object, field, path, false, problems);
        List<String> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        String at = Paths.field(path, field);
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (!element.isTextual()) {
                problems.add(Paths.index(at, i), "expected a string, got " + JsonTypes.describe(element));
            } else if (element.textValue().isEmpty()) {
                problems.add(Paths.index(at, i), "must not be empty");
            } else {
                out.add(element.textValue());
            }
        }
        return out;
    }
}
