package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code contains}: a string attribute that contains any value as a substring (case-sensitive). */
public final class ContainsMatcher implements ClauseMatcher {
    private final String[] parts;

    private ContainsMatcher(String[] parts) {
        this.parts = parts;
    }

    public static ContainsMatcher of(List<JsonNode> values) throws InvalidClauseValueException {
        return new ContainsMatcher(ClauseValues.strings(values, "contains"));
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof String s) {
            for (String part : parts) {
                if (s.contains(part)) {
                    return true;
                }
            }
        }
        return false;
    }
}
