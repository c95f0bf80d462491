package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.Context;
import dev.vexil.model.Clause;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a model {@link Clause} into a {@link CompiledClause}. Never throws for bad data: a clause it cannot use (an
 * unknown operator, a missing attribute, a value the operator cannot parse) becomes a {@link NeverMatchingClause},
 * and a note with the clause's path is added, e.g. {@code rules[1].clauses[0]: unknown operator 'fooBar'}.
 */
public final class ClauseCompiler {
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
        Operator operator = Operator.fromWireName(clause.operator());
        String kind = kindOrDefault(clause.contextKind());
        if (operator == null) {
            notes.add(path + ": unknown operator '" + clause.operator() + "'; the clause never matches");
            return NeverMatchingClause.INSTANCE;
        }
        if (operator == Operator.SEGMENT_MATCH) {
            return compileSegmentMatch(clause, path, notes, inSegment, kind);
        }
        if (clause.attribute() == null || clause.attribute().isEmpty()) {
            notes.add(path + ": missing attribute; the clause never matches");
            return NeverMatchingClause.INSTANCE;
        }
        try {
            return new AttributeClause(kind, clause.attribute(), clause.negate(), operator.matcher(clause.values()));
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
                notes.add(valuePath + ": expected a segment key for operator " + Operator.SEGMENT_MATCH.wireName()
                        + "; the clause never matches");
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
