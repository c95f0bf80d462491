package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code in}: equality with any value. Strings compare exactly (a hash set), numbers numerically (so 1 equals 1.0;
 * a sorted array searched without boxing), booleans by value. Values of another type never match each other.
 */
public final class InMatcher implements ClauseMatcher {
    private final Set<String> strings;
    private final double[] numbers;
    private final boolean containsTrue;
    private final boolean containsFalse;

    private InMatcher(Set<String> strings, double[] numbers, boolean containsTrue, boolean containsFalse) {
        this.strings = strings;
        this.numbers = numbers;
        this.containsTrue = containsTrue;
        this.containsFalse = containsFalse;
    }

    static InMatcher of(String operator, List<JsonNode> values) throws InvalidClauseValueException {
        Set<String> strings = new HashSet<>();
        double[] numbers = new double[values.size()];
        int numberCount = 0;
        boolean t = false;
        boolean f = false;
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (v != null && v.isTextual()) {
                strings.add(v.textValue());
            } else if (v != null && v.isNumber()) {
                numbers[numberCount++] = normalize(v.doubleValue());
            } else if (v != null && v.isBoolean()) {
                t |= v.booleanValue();
                f |= !v.booleanValue();
            } else {
                throw new InvalidClauseValueException(i, "expected a string, number or boolean for operator " + operator);
            }
        }
        double[] sorted = Arrays.copyOf(numbers, numberCount);
        Arrays.sort(sorted);
        return new InMatcher(strings, sorted, t, f);
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof String s) {
            return strings.contains(s);
        }
        if (attributeValue instanceof Number n) {
            double d = n.doubleValue();
            return numbers.length > 0 && !Double.isNaN(d) && Arrays.binarySearch(numbers, normalize(d)) >= 0;
        }
        if (attributeValue instanceof Boolean b) {
            return b ? containsTrue : containsFalse;
        }
        return false;
    }

    /** -0.0 and 0.0 are equal numbers, but not to Arrays.binarySearch. */
    private static double normalize(double d) {
        return d == 0.0 ? 0.0 : d;
    }
}
