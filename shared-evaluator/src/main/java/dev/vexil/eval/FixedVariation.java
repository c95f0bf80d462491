package dev.vexil.eval;

/** Serves one variation. */
final class FixedVariation implements CompiledServe {
    private final EvaluationResult result;

    FixedVariation(EvaluationResult result) {
        this.result = result;
    }

    @Override
    public EvaluationResult serve(Context context) {
        return result;
    }
}
