package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code endsWith}: a string attribute that ends with any value (case-sensitive). */
public final class EndsWithMatcher implements ClauseMatcher {
    private final String[] suffixes;

    private EndsWithMatcher(String[] suffixes) {
        this.suffixes = suffixes;
    }

    public static EndsWithMatcher of(List<JsonNode> values) throws InvalidClauseValueException {
        return new EndsWithMatcher(ClauseValues.strings(values, "endsWith"));
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof String s) {
            for (String suffix : suffixes) {
                if (s.endsWith(suffix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
