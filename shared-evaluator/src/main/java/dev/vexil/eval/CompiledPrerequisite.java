package dev.vexil.eval;

/** Another flag that must be on and serve {@code variation}; otherwise {@code failed} (the off variation). */
final class CompiledPrerequisite {
    private final CompiledFlag flag;
    private final int variation;
    private final EvaluationResult failed;

    CompiledPrerequisite(CompiledFlag flag, int variation, EvaluationResult failed) {
        this.flag = flag;
        this.variation = variation;
        this.failed = failed;
    }

    /** Null when the prerequisite passes, else the PREREQUISITE_FAILED result. */
    EvaluationResult check(Context context) {
        if (!flag.isOn() || flag.evaluate(context).variationIndex() != variation) {
            return failed;
        }
        return null;
    }
}
