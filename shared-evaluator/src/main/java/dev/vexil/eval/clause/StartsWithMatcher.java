package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code startsWith}: a string attribute that starts with any value (case-sensitive). */
public final class StartsWithMatcher implements ClauseMatcher {
    private final String[] prefixes;

    private StartsWithMatcher(String[] prefixes) {
        this.prefixes = prefixes;
    }

    public static StartsWithMatcher of(List<JsonNode> values) throws InvalidClauseValueException {
        return new StartsWithMatcher(ClauseValues.strings(values, "startsWith"));
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof String s) {
            for (String prefix : prefixes) {
                if (s.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
