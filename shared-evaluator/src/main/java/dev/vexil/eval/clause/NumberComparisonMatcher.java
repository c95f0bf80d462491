package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code lessThan}, {@code lessThanOrEqual}, {@code greaterThan}, {@code greaterThanOrEqual}: a number attribute
 * compared with each value as doubles. NaN never matches; strings are not numbers.
 */
public final class NumberComparisonMatcher implements ClauseMatcher {
    /** The comparisons of the four numeric operators. */
    enum Comparison {
        LESS_THAN {
            @Override boolean test(double attribute, double value) {
                return attribute < value;
            }
        },
        LESS_THAN_OR_EQUAL {
            @Override boolean test(double attribute, double value) {
                return attribute <= value;
            }
        },
        GREATER_THAN {
            @Override boolean test(double attribute, double value) {
                return attribute > value;
            }
        },
        GREATER_THAN_OR_EQUAL {
            @Override boolean test(double attribute, double value) {
                return attribute >= value;
            }
        };

        abstract boolean test(double attribute, double value);
    }

    private final Comparison comparison;
    private final double[] values;

    private NumberComparisonMatcher(Comparison comparison, double[] values) {
        this.comparison = comparison;
        this.values = values;
    }

    /** The factory of the operator that compares by {@code comparison}. */
    static Operator.MatcherFactory comparing(Comparison comparison) {
        return (operator, values) -> new NumberComparisonMatcher(comparison, ClauseValues.numbers(values, operator));
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
