package dev.vexil.eval;

/** What a rule or the fallthrough serves, with every possible result pre-allocated. */
interface CompiledServe {
    EvaluationResult serve(Context context);
}
