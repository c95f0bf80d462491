package dev.vexil.eval;

import java.util.Set;

/** Individual targeting: contexts of this kind whose key is listed get this result. */
final class CompiledTarget {
    private final String contextKind;
    private final Set<String> keys;
    private final EvaluationResult result;

    CompiledTarget(String contextKind, Set<String> keys, EvaluationResult result) {
        this.contextKind = contextKind;
        this.keys = keys;
        this.result = result;
    }

    /** The target's result, or null when the context is not listed. */
    EvaluationResult evaluate(Context context) {
        Context part = context.forKind(contextKind);
        return part != null && keys.contains(part.key()) ? result : null;
    }
}
