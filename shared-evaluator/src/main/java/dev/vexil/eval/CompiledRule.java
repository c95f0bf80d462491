package dev.vexil.eval;

import dev.vexil.eval.clause.CompiledClause;

/** A rule: the AND of its clauses, and what it serves when they all match. */
final class CompiledRule {
    private final CompiledClause[] clauses;
    private final CompiledServe serve;

    CompiledRule(CompiledClause[] clauses, CompiledServe serve) {
        this.clauses = clauses;
        this.serve = serve;
    }

    /** The rule's result, or null when a clause does not match. */
    EvaluationResult evaluate(Context context) {
        for (CompiledClause clause : clauses) {
            if (!clause.matches(context)) {
                return null;
            }
        }
        return serve.serve(context);
    }
}
