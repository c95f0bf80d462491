package dev.vexil.sdk;

import dev.vexil.eval.clause.Operator;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.Snapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which flags may evaluate differently after a swap: flags added, removed or reconfigured; flags forced off or
 * restored (kill list, staleness); flags whose rules use a changed segment; and, transitively, flags with a changed
 * prerequisite.
 */
final class ChangeDetector {
    static final String SEGMENT_OPERATOR = Operator.SEGMENT_MATCH.wireName();

    private ChangeDetector() {
    }

    static Set<String> changedFlags(EnvironmentHolder before, EnvironmentHolder after) {
        Set<String> changed = new TreeSet<>();
        if (before == null) {
            changed.addAll(after.flags.keySet());
            return changed;
        }
        Set<String> keys = new HashSet<>(before.flags.keySet());
        keys.addAll(after.flags.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.flags.get(key), after.flags.get(key))
                    || before.forcedOff(key) != after.forcedOff(key)) {
                changed.add(key);
            }
        }
        Set<String> changedSegments = changedSegments(before.snapshot, after.snapshot);
        if (!changedSegments.isEmpty()) {
            for (Flag f : after.snapshot.flags()) {
                if (usesAnySegment(f, changedSegments)) {
                    changed.add(f.key());
                }
            }
        }
        addDependents(after.snapshot, changed);
        return changed;
    }

    private static Set<String> changedSegments(Snapshot before, Snapshot after) {
        Map<String, Segment> old = new HashMap<>();
        before.segments().forEach(s -> old.put(s.key(), s));
        Set<String> changed = new HashSet<>();
        for (Segment s : after.segments()) {
            Segment previous = old.remove(s.key());
            if (!s.equals(previous)) {
                changed.add(s.key());
            }
        }
        changed.addAll(old.keySet()); // removed segments
        return changed;
    }

    private static boolean usesAnySegment(Flag flag, Set<String> segments) {
        for (Rule rule : flag.rules()) {
            for (Clause clause : rule.clauses()) {
                if (SEGMENT_OPERATOR.equals(clause.operator())) {
                    for (var value : clause.values()) {
                        if (value.isTextual() && segments.contains(value.textValue())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Adds every flag that (directly or not) has a changed flag as a prerequisite. */
    private static void addDependents(Snapshot snapshot, Set<String> changed) {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Flag f : snapshot.flags()) {
                if (changed.contains(f.key())) {
                    continue;
                }
                for (Prerequisite p : f.prerequisites()) {
                    if (changed.contains(p.flag())) {
                        changed.add(f.key());
                        grew = true;
                        break;
                    }
                }
            }
        }
    }
}
