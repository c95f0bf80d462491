package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.Context;
import dev.vexil.model.Clause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a model {@link Clause} into a {@link CompiledClause}. Never throws for bad data: a clause it cannot use (an
 * unknown operator, a missing attribute, a value the operator cannot parse) becomes a {@link NeverMatchingClause},
 * and a note with the clause's path is added, e.g. {@code rules[1].clauses[0]: unknown operator 'fooBar'}.
 */
public final class ClauseCompiler {
    /** Builds an operator's matcher from the clause values. */
    @FunctionalInterface
    interface MatcherFactory {
        ClauseMatcher create(List<JsonNode> values) throws InvalidClauseValueException;
    }

    public static final String SEGMENT_MATCH = "segmentMatch";

    private static final Map<String, MatcherFactory> OPERATORS = Map.ofEntries(
            Map.entry("in", InMatcher::of),
            Map.entry("startsWith", StartsWithMatcher::of),
            Map.entry("endsWith", EndsWithMatcher::of),
            Map.entry("contains", ContainsMatcher::of),
            Map.entry("matches", RegexMatcher::of),
            Map.entry("lessThan", v -> NumberComparisonMatcher.of(NumberComparisonMatcher.Comparison.LESS_THAN, v)),
            Map.entry("lessThanOrEqual",
                    v -> NumberComparisonMatcher.of(NumberComparisonMatcher.Comparison.LESS_THAN_OR_EQUAL, v)),
            Map.entry("greaterThan",
                    v -> NumberComparisonMatcher.of(NumberComparisonMatcher.Comparison.GREATER_THAN, v)),
            Map.entry("greaterThanOrEqual",
                    v -> NumberComparisonMatcher.of(NumberComparisonMatcher.Comparison.GREATER_THAN_OR_EQUAL, v)),
            Map.entry("before", v -> DateComparisonMatcher.of(true, v)),
            Map.entry("after", v -> DateComparisonMatcher.of(false, v)),
            Map.entry("semVerEqual", v -> SemVerMatcher.of(SemVerMatcher.Comparison.EQUAL, v)),
            Map.entry("semVerLessThan", v -> SemVerMatcher.of(SemVerMatcher.Comparison.LESS_THAN, v)),
            Map.entry("semVerGreaterThan", v -> SemVerMatcher.of(SemVerMatcher.Comparison.GREATER_THAN, v)),
            Map.entry("inCidr", CidrMatcher::of));

    private final SegmentCompiler segments;

    ClauseCompiler(SegmentCompiler segments) {
        this.segments = segments;
    }

    /** The context kind a clause, target or rollout refers to: absent or empty means {@code user}. */
    public static String kindOrDefault(String contextKind) {
        return contextKind == null || contextKind.isEmpty() ? Context.DEFAULT_KIND : contextKind.intern();
    }

    /**
     * Compiles one clause found at {@code path}; remarks go to {@code notes}. {@code inSegment} is the key of the
     * segment whose rule holds the clause (null in a flag), used to break segment reference cycles.
     */
    public CompiledClause compile(Clause clause, String path, List<String> notes, String inSegment) {
        if (clause == null) {
            notes.add(path + ": missing clause; it never matches");
            return NeverMatchingClause.INSTANCE;
        }
        String operator = clause.operator();
        String kind = kindOrDefault(clause.contextKind());
        if (SEGMENT_MATCH.equals(operator)) {
            return compileSegmentMatch(clause, path, notes, inSegment, kind);
        }
        MatcherFactory factory = operator == null ? null : OPERATORS.get(operator);
        if (factory == null) {
            notes.add(path + ": unknown operator '" + operator + "'; the clause never matches");
            return NeverMatchingClause.INSTANCE;
        }
        if (clause.attribute() == null || clause.attribute().isEmpty()) {
            notes.add(path + ": missing attribute; the clause never matches");
            return NeverMatchingClause.INSTANCE;
        }
        try {
            return new AttributeClause(kind, clause.attribute(), clause.negate(), factory.create(clause.values()));
        } catch (InvalidClauseValueException e) {
            notes.add(path + ".values[" + e.index() + "]: " + e.getMessage() + "; the clause never matches");
            return NeverMatchingClause.INSTANCE;
        }
    }

    private CompiledClause compileSegmentMatch(Clause clause, String path, List<String> notes, String inSegment,
                                               String kind) {
        List<CompiledSegment> found = new ArrayList<>();
        List<JsonNode> values = clause.values();
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            String valuePath = path + ".values[" + i + "]";
            if (v == null || !v.isTextual()) {
                notes.add(valuePath + ": expected a segment key for operator segmentMatch; the clause never matches");
                return NeverMatchingClause.INSTANCE;
            }
            CompiledSegment segment = segments.resolve(v.textValue(), inSegment, valuePath, notes);
            if (segment != null) {
                found.add(segment);
                for (String note : segment.notes()) {
                    notes.add("segment '" + segment.key() + "': " + note);
                }
            }
        }
        return new SegmentMatchClause(found.toArray(new CompiledSegment[0]), kind, clause.negate());
    }
}
