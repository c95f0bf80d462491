package dev.vexil.eval;

import dev.vexil.model.FlagType;

/**
 * One flag compiled for evaluation. The precedence (docs/evaluation.md): off → prerequisites → individual targets
 * → rules in order → fallthrough. A flag whose data is broken has {@code malformed} set and serves it whenever its
 * off path is not taken.
 */
final class CompiledFlag {
    private static final CompiledPrerequisite[] NO_PREREQUISITES = new CompiledPrerequisite[0];
    private static final CompiledTarget[] NO_TARGETS = new CompiledTarget[0];
    private static final CompiledRule[] NO_RULES = new CompiledRule[0];

    private final String key;
    private final FlagType type;
    private final boolean on;
    private final EvaluationResult offResult;
    private final EvaluationResult malformed;
    private final CompiledPrerequisite[] prerequisites;
    private final CompiledTarget[] targets;
    private final CompiledRule[] rules;
    private final CompiledServe fallthrough;
    /** The result when nothing depends on the context (no prerequisites, targets or rules; a fixed fallthrough). */
    private final EvaluationResult constant;

    CompiledFlag(String key, FlagType type, boolean on, EvaluationResult offResult,
                 CompiledPrerequisite[] prerequisites, CompiledTarget[] targets, CompiledRule[] rules,
                 CompiledServe fallthrough) {
        this.key = key;
        this.type = type;
        this.on = on;
        this.offResult = offResult;
        this.malformed = null;
        this.prerequisites = prerequisites;
        this.targets = targets;
        this.rules = rules;
        this.fallthrough = fallthrough;
        this.constant = prerequisites.length == 0 && targets.length == 0 && rules.length == 0
                && fallthrough instanceof FixedVariation fixed ? fixed.serve(null) : null;
    }

    /** A flag that cannot be evaluated when on; when off it still serves {@code offResult}. */
    /** Whether this flag serves an error because its data cannot be evaluated. */
    boolean isMalformed() {
        return malformed != null;
    }

    static CompiledFlag malformed(String key, FlagType type, boolean on, EvaluationResult offResult,
                                  EvaluationResult malformed) {
        return new CompiledFlag(key, type, on, offResult, malformed);
    }

    private CompiledFlag(String key, FlagType type, boolean on, EvaluationResult offResult,
                         EvaluationResult malformed) {
        this.key = key;
        this.type = type;
        this.on = on;
        this.offResult = offResult;
        this.malformed = malformed;
        this.prerequisites = NO_PREREQUISITES;
        this.targets = NO_TARGETS;
        this.rules = NO_RULES;
        this.fallthrough = null;
        this.constant = null;
    }

    String key() {
        return key;
    }

    FlagType type() {
        return type;
    }

    /** On, and not forced off. */
    boolean isOn() {
        return on;
    }

    EvaluationResult evaluate(Context context) {
        if (!on) {
            return offResult;
        }
        if (constant != null) {
            return constant;
        }
        if (malformed != null) {
            return malformed;
        }
        for (CompiledPrerequisite prerequisite : prerequisites) {
            EvaluationResult failed = prerequisite.check(context);
            if (failed != null) {
                return failed;
            }
        }
        for (CompiledTarget target : targets) {
            EvaluationResult result = target.evaluate(context);
            if (result != null) {
                return result;
            }
        }
        for (CompiledRule rule : rules) {
            EvaluationResult result = rule.evaluate(context);
            if (result != null) {
                return result;
            }
        }
        return fallthrough.serve(context);
    }
}
