package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code semVerEqual}, {@code semVerLessThan}, {@code semVerGreaterThan}: a string attribute holding a semantic
 * version compared by SemVer 2.0 precedence with each value. An attribute that is not a version does not match.
 */
public final class SemVerMatcher implements ClauseMatcher {
    /** The three version operators. */
    public enum Comparison {
        EQUAL("semVerEqual"), LESS_THAN("semVerLessThan"), GREATER_THAN("semVerGreaterThan");

        private final String operator;

        Comparison(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }

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

    public static SemVerMatcher of(Comparison comparison, List<JsonNode> values) throws InvalidClauseValueException {
        String[] sources = ClauseValues.strings(values, comparison.operator());
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
