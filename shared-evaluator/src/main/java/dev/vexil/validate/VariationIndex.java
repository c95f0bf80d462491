package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** A reference to a variation by its index in the flag's {@code variations}. */
final class VariationIndex {
    private VariationIndex() {
    }

    /** Checks {@code object.field}; {@code count} is the number of variations of the flag it refers to. */
    static Integer check(JsonNode object, String field, String path, boolean required, int count, String flagKey,
                         ProblemCollector problems) {
        Integer index = JsonFields.integer(object, field, path, required, problems);
        if (index != null && (index < 0 || index >= count)) {
            problems.add(Paths.field(path, field), "variation index " + index + " is out of range: flag \""
                    + flagKey + "\" has " + switch (count) {
                        case 0 -> "no variations";
                        case 1 -> "1 variation (index 0)";
                        default -> count + " variations (indexes 0 to " + (count - 1) + ")";
                    });
            return null;
        }
        return index;
    }
}
