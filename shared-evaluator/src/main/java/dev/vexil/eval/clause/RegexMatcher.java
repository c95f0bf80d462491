package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * {@code matches}: a string attribute in which any value's regular expression is found (unanchored, like
 * {@code Matcher.find}). RE2/J runs in linear time, so no rule can hang an SDK. Patterns are compiled once; RE2/J
 * allocates a matcher per test, the one operator that allocates on evaluation.
 */
public final class RegexMatcher implements ClauseMatcher {
    private final Pattern[] patterns;

    private RegexMatcher(Pattern[] patterns) {
        this.patterns = patterns;
    }

    static RegexMatcher of(String operator, List<JsonNode> values) throws InvalidClauseValueException {
        String[] sources = ClauseValues.strings(values, operator);
        Pattern[] patterns = new Pattern[sources.length];
        for (int i = 0; i < sources.length; i++) {
            try {
                patterns[i] = Pattern.compile(sources[i]);
            } catch (PatternSyntaxException e) {
                throw new InvalidClauseValueException(i, "invalid regular expression: " + e.getMessage());
            }
        }
        return new RegexMatcher(patterns);
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof String s) {
            for (Pattern p : patterns) {
                if (p.matcher(s).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
