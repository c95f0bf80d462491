package dev.vexil.functions.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.functions.store.EnvironmentState;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import java.util.List;

/** Who in an environment refers to a segment through a {@code segmentMatch} clause. */
final class SegmentReferences {
    static final String SEGMENT_MATCH = "segmentMatch";

    private SegmentReferences() {
    }

    static List<String> flagsUsing(EnvironmentState state, String segmentKey) {
        return state.flags().stream()
                .filter(flag -> flag.rules().stream().map(Rule::clauses).anyMatch(c -> names(c, segmentKey)))
                .map(Flag::key)
                .sorted()
                .toList();
    }

    static List<String> segmentsUsing(EnvironmentState state, String segmentKey) {
        return state.segments().stream()
                .filter(segment -> !segment.key().equals(segmentKey))
                .filter(segment -> segment.rules().stream().map(SegmentRule::clauses).anyMatch(c -> names(c, segmentKey)))
                .map(Segment::key)
                .sorted()
                .toList();
    }

    private static boolean names(List<Clause> clauses, String segmentKey) {
        for (Clause clause : clauses) {
            if (SEGMENT_MATCH.equals(clause.operator())) {
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
