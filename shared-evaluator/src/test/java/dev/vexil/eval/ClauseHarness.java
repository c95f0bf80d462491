package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;

import dev.vexil.model.Clause;

/** Evaluates one clause through a whole compiled flag: rule 0 serves true when it matches, else fallthrough false. */
final class ClauseHarness {
    private final CompiledEnvironment env;

    private ClauseHarness(Clause clause) {
        env = Fixtures.compile(boolFlag("f").rule(rule("r0", serve(0), clause)).build());
    }

    static ClauseHarness of(Clause clause) {
        return new ClauseHarness(clause);
    }

    boolean matches(Context context) {
        EvaluationResult r = env.evaluate("f", context);
        if (r.isError()) {
            throw new AssertionError("unexpected error " + r);
        }
        return r.reason().kind() == ReasonKind.RULE_MATCH;
    }

    String note(Context context) {
        return env.evaluate("f", context).reason().note();
    }
}
