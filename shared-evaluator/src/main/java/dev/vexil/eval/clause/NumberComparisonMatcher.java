package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code lessThan}, {@code lessThanOrEqual}, {@code greaterThan}, {@code greaterThanOrEqual}: a number attribute
 * compared with each value as doubles. NaN never matches; strings are not numbers.
 */
public final class NumberComparisonMatcher implements ClauseMatcher {
    /** The four numeric operators. */
    public enum Comparison {
        LESS_THAN("lessThan") {
            @Override boolean test(double attribute, double value) {
                return attribute < value;
            }
        },
        LESS_THAN_OR_EQUAL("lessThanOrEqual") {
            @Override boolean test(double attribute, double value) {
                return attribute <= value;
            }
        },
        GREATER_THAN("greaterThan") {
            @Override boolean test(double attribute, double value) {
                return attribute > value;
            }
        },
        GREATER_THAN_OR_EQUAL("greaterThanOrEqual") {
            @Override boolean test(double attribute, double value) {
                return attribute >= value;
            }
        };

        private final String operator;

        Comparison(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }

        abstract boolean test(double attribute, double value);
    }

    private final Comparison comparison;
    private final double[] values;

    private NumberComparisonMatcher(Comparison comparison, double[] values) {
        this.comparison = comparison;
        this.values = values;
    }

    public static NumberComparisonMatcher of(Comparison comparison, List<JsonNode> values)
            throws InvalidClauseValueException {
        return new NumberComparisonMatcher(comparison, ClauseValues.numbers(values, comparison.operator()));
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof Number n) {
            double d = n.doubleValue();
            for (double v : values) {
                if (comparison.test(d, v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
