package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * {@code startsWith}, {@code endsWith}, {@code contains}: a string attribute that passes the operator's string test
 * ({@code attribute.startsWith(value)} and so on; case-sensitive) with any value. The test is a non-capturing method
 * reference chosen once per operator, so evaluating allocates nothing.
 */
public final class StringMatcher implements ClauseMatcher {
    private final BiPredicate<String, String> test;
    private final String[] values;

    private StringMatcher(BiPredicate<String, String> test, String[] values) {
        this.test = test;
        this.values = values;
    }

    /** The factory of an operator whose test is {@code test(attribute, value)}. */
    static Operator.MatcherFactory testing(BiPredicate<String, String> test) {
        return (operator, values) -> new StringMatcher(test, ClauseValues.strings(values, operator));
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof String s) {
            for (String value : values) {
                if (test.test(s, value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
