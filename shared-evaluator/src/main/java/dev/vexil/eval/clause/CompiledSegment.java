package dev.vexil.eval.clause;

import dev.vexil.eval.Context;
import java.util.List;
import java.util.Set;

/**
 * A segment ready to test membership: excluded keys beat included keys, which beat the rules (any matching rule
 * admits the context). Keys are those of the context kind the segmentMatch clause names (default {@code user}).
 */
public final class CompiledSegment {
    private final String key;
    private final Set<String> included;
    private final Set<String> excluded;
    private final CompiledSegmentRule[] rules;
    private final List<String> notes;

    CompiledSegment(String key, Set<String> included, Set<String> excluded, CompiledSegmentRule[] rules,
                    List<String> notes) {
        this.key = key;
        this.included = included;
        this.excluded = excluded;
        this.rules = rules;
        this.notes = List.copyOf(notes);
    }

    public String key() {
        return key;
    }

    /** Compile-time remarks (unknown operators, bad values) about this segment and the segments it uses. */
    public List<String> notes() {
        return notes;
    }

    public boolean contains(Context context, String contextKind) {
        Context part = context.forKind(contextKind);
        if (part != null) {
            String contextKey = part.key();
            if (excluded.contains(contextKey)) {
                return false;
            }
            if (included.contains(contextKey)) {
                return true;
            }
        }
        for (CompiledSegmentRule rule : rules) {
            if (rule.matches(context)) {
                return true;
            }
        }
        return false;
    }
}
