package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwardCompatibilityTest {
    @Test
    void unknownOperatorNeverMatchesNegatedOrNotAndEveryResultSaysWhy() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("f")
                        .rule(rule("a", serve(0), clause("country", "in", "DE")))
                        .rule(rule("b", serve(0), not(clause("country", "fooBar", "x"))))
                        .build(),
                boolFlag("other").fallthrough(serve(0)).build());

        EvaluationResult viaRule0 = env.evaluate("f", user("u", "country", "DE"));
        assertThat(viaRule0.reason().kind()).isEqualTo(ReasonKind.RULE_MATCH);
        assertThat(viaRule0.reason().ruleIndex()).isZero();
        assertThat(viaRule0.reason().note())
                .isEqualTo("rules[1].clauses[0]: unknown operator 'fooBar'; the clause never matches");

        EvaluationResult fallthrough = env.evaluate("f", user("u", "country", "US"));
        assertThat(fallthrough.reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(fallthrough.reason().note()).contains("unknown operator 'fooBar'");

        EvaluationResult other = env.evaluate("other", user("u"));
        assertThat(other.value().booleanValue()).isTrue();
        assertThat(other.reason().note()).as("other flags are unaffected").isNull();
    }

    @Test
    void missingOperatorOrAttributeIsReported() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .rule(rule("a", serve(0), not(clause("country", null, "DE"))))
                .rule(rule("b", serve(0), not(clause(null, "in", "DE"))))
                .build());
        EvaluationResult r = env.evaluate("f", user("u", "country", "FR"));
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(r.reason().note()).contains("rules[0].clauses[0]: unknown operator 'null'")
                .contains("rules[1].clauses[0]: missing attribute");
    }
}
