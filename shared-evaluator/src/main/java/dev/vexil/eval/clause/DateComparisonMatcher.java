package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code before} / {@code after}: the attribute and the values are timestamps, each either an ISO-8601 string
 * (see {@link Instants}) or a number of epoch milliseconds. Compared at millisecond precision; an attribute that
 * is not a timestamp does not match.
 */
public final class DateComparisonMatcher implements ClauseMatcher {
    private final boolean before;
    private final double[] millis;

    private DateComparisonMatcher(boolean before, double[] millis) {
        this.before = before;
        this.millis = millis;
    }

    /** The factory of {@code before} (true) or {@code after} (false). */
    static Operator.MatcherFactory comparing(boolean before) {
        return (operator, values) -> of(operator, before, values);
    }

    private static DateComparisonMatcher of(String operator, boolean before, List<JsonNode> values)
            throws InvalidClauseValueException {
        double[] millis = new double[values.size()];
        for (int i = 0; i < millis.length; i++) {
            JsonNode v = values.get(i);
            if (v != null && v.isNumber()) {
                millis[i] = v.doubleValue();
            } else if (v != null && v.isTextual() && Instants.parseMillis(v.textValue()) != Instants.INVALID) {
                millis[i] = Instants.parseMillis(v.textValue());
            } else {
                throw new InvalidClauseValueException(i,
                        "expected an ISO-8601 timestamp or epoch milliseconds for operator " + operator);
            }
        }
        return new DateComparisonMatcher(before, millis);
    }

    @Override
    public boolean matches(Object attributeValue) {
        double attribute;
        if (attributeValue instanceof Number n) {
            attribute = n.doubleValue();
            if (Double.isNaN(attribute)) {
                return false;
            }
        } else if (attributeValue instanceof String s) {
            long parsed = Instants.parseMillis(s);
            if (parsed == Instants.INVALID) {
                return false;
            }
            attribute = parsed;
        } else {
            return false;
        }
        for (double v : millis) {
            if (before ? attribute < v : attribute > v) {
                return true;
            }
        }
        return false;
    }
}
