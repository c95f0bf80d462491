package dev.vexil.core.admin.service;

import dev.vexil.eval.clause.Operator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.Rule;
import java.util.List;

/**
 * The flags of an environment that refer to a segment through a {@code segmentMatch} clause. (Segments cannot
 * refer to segments: the validator allows {@code segmentMatch} only in flag rules.)
 */
final class SegmentReferences {

    private SegmentReferences() {
    }

    static List<String> flagsUsing(EnvironmentState state, String segmentKey) {
        return state.flags().stream()
                .filter(flag -> flag.rules().stream().map(Rule::clauses).anyMatch(c -> names(c, segmentKey)))
                .map(Flag::key)
                .sorted()
                .toList();
    }

    private static boolean names(List<Clause> clauses, String segmentKey) {
        for (Clause clause : clauses) {
            if (Operator.SEGMENT_MATCH.wireName().equals(clause.operator())) {
                for (JsonNode value : clause.values()) {
                    if (value.isTextual() && value.textValue().equals(segmentKey)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
