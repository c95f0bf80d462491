package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code semVerEqual}, {@code semVerLessThan}, {@code semVerGreaterThan}: a string attribute holding a semantic
 * version compared by SemVer 2.0 precedence with each value. An attribute that is not a version does not match.
 */
public final class SemVerMatcher implements ClauseMatcher {
    /** The comparisons of the three version operators. */
    enum Comparison {
        EQUAL, LESS_THAN, GREATER_THAN;

        boolean accepts(int comparison) {
            return switch (this) {
                case EQUAL -> comparison == 0;
                case LESS_THAN -> comparison < 0;
                case GREATER_THAN -> comparison > 0;
            };
        }
    }

    private final Comparison comparison;
    private final SemVer[] versions;

    private SemVerMatcher(Comparison comparison, SemVer[] versions) {
        this.comparison = comparison;
        this.versions = versions;
    }

    /** The factory of the operator that compares by {@code comparison}. */
    static Operator.MatcherFactory comparing(Comparison comparison) {
        return (operator, values) -> of(operator, comparison, values);
    }

    private static SemVerMatcher of(String operator, Comparison comparison, List<JsonNode> values)
            throws InvalidClauseValueException {
        String[] sources = ClauseValues.strings(values, operator);
        SemVer[] versions = new SemVer[sources.length];
        for (int i = 0; i < sources.length; i++) {
            versions[i] = SemVer.parse(sources[i]);
            if (versions[i] == null) {
                throw new InvalidClauseValueException(i, "invalid semantic version '" + sources[i] + "'");
            }
        }
        return new SemVerMatcher(comparison, versions);
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (attributeValue instanceof String s) {
            for (SemVer v : versions) {
                int c = SemVer.compare(s, v);
                if (c == SemVer.INVALID) {
                    return false;
                }
                if (comparison.accepts(c)) {
                    return true;
                }
            }
        }
        return false;
    }
}
