package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The state of one validation: where problems go, whether unknown operators are errors, and whether unknown
 * fields are errors (admin API bodies: yes; snapshots, for forward compatibility: no).
 */
record ValidationRun(ProblemCollector problems, Validator.Mode mode, boolean rejectUnknownFields) {

    static ValidationRun strictBody() {
        return new ValidationRun(new ProblemCollector(), Validator.Mode.STRICT, true);
    }

    boolean strictOperators() {
        return mode == Validator.Mode.STRICT;
    }

    /** {@code node} as an object checked for unknown fields, or null (with a problem) if it is not an object. */
    JsonNode object(JsonNode node, String path, Set<String> allowed) {
        JsonNode object = JsonFields.object(node, path, problems);
        if (object != null && rejectUnknownFields) {
            JsonFields.rejectUnknown(object, path, allowed, problems);
        }
        return object;
    }
}
