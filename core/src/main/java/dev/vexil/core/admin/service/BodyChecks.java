package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.snapshot.JsonTypes;
import dev.vexil.validate.KeyRules;
import dev.vexil.validate.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Field checks for the admin API's own small bodies (projects, environments, kill, rollback, SDK keys, dry-run):
 * collects every problem with its path, in the same {@code a.b[0]} form as the shared validator, and throws
 * them together. Flag and segment bodies are checked by the shared validator instead.
 */
public final class BodyChecks {
    public static final int MAX_NAME = 200;
    static final int MAX_COMMENT = 1000;

    private final JsonNode body;
    private final List<Problem> problems = new ArrayList<>();

    /** {@code allowed} lists the members the body may have; {@code version} (echoed from a GET) is always allowed. */
    public BodyChecks(JsonNode body, Set<String> allowed) {
        this.body = body;
        if (body == null || !body.isObject()) {
            problems.add(new Problem("", "expected a JSON object, got " + JsonTypes.kind(body)));
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name) && !"version".equals(name)) {
                problems.add(new Problem(name, "unknown member; expected one of " + allowed));
            }
        }
    }

    public boolean isObject() {
        return body != null && body.isObject();
    }

    public JsonNode get(String field) {
        return isObject() ? body.get(field) : null;
    }

    public String requiredKey(String field) {
        String value = text(field, true, 64);
        if (value != null && !KeyRules.isValidKey(value)) {
            add(field, "\"" + value + "\" is not a valid key: use 1-64 of a-z, 0-9, '.', '_', '-', starting with"
                    + " a letter or digit");
            return null;
        }
        return value;
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode node = get(field);
        if (node == null || node.isNull()) {
            if (required && isObject()) {
                add(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            add(field, "expected a string, got " + JsonTypes.kind(node));
            return null;
        }
        String value = node.textValue();
        if (required && value.isBlank()) {
            add(field, "must not be blank");
            return null;
        }
        if (value.length() > maxLength) {
            add(field, "is longer than " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public Boolean bool(String field) {
        JsonNode node = get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            add(field, "expected true or false, got " + JsonTypes.kind(node));
            return null;
        }
        return node.booleanValue();
    }

    /** A required integer of at least {@code min}. */
    public Long integer(String field, long min) {
        JsonNode node = get(field);
        if (node == null || node.isNull()) {
            if (isObject()) {
                add(field, "is required");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            add(field, "expected an integer, got " + JsonTypes.kind(node));
            return null;
        }
        if (node.longValue() < min) {
            add(field, "must be at least " + min);
            return null;
        }
        return node.longValue();
    }

    public void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw AdminException.invalid(problems);
        }
    }

}
