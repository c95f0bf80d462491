package dev.vexil.eval.clause;

import dev.vexil.eval.Context;

/** A clause ready to test a (possibly multi-kind) context. Immutable; allocation-free except where documented. */
public interface CompiledClause {
    boolean matches(Context context);
}
