package dev.vexil.eval.clause;

import dev.vexil.eval.Context;

/** {@code segmentMatch}: the context is in any of the segments; then negate applies. */
final class SegmentMatchClause implements CompiledClause {
    private final CompiledSegment[] segments;
    private final String contextKind;
    private final boolean negate;

    SegmentMatchClause(CompiledSegment[] segments, String contextKind, boolean negate) {
        this.segments = segments;
        this.contextKind = contextKind;
        this.negate = negate;
    }

    @Override
    public boolean matches(Context context) {
        boolean hit = false;
        for (CompiledSegment segment : segments) {
            if (segment.contains(context, contextKind)) {
                hit = true;
                break;
            }
        }
        return hit != negate;
    }
}
