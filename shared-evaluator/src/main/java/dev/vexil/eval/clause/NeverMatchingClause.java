package dev.vexil.eval.clause;

import dev.vexil.eval.Context;

/**
 * Stands in for a clause this evaluator cannot use (an unknown operator, a value the operator cannot parse). It
 * never matches, negated or not, so that a rule the SDK does not understand never serves anything.
 */
public final class NeverMatchingClause implements CompiledClause {
    public static final NeverMatchingClause INSTANCE = new NeverMatchingClause();

    private NeverMatchingClause() {
    }

    @Override
    public boolean matches(Context context) {
        return false;
    }
}
