package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.flag;
import static dev.vexil.eval.Fixtures.rollout;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecedenceTest {

    private static Fixtures.FlagBuilder everyLayer() {
        return flag("f").type(FlagType.STRING).variations("off", "target", "rule0", "rule1", "fallthrough")
                .offVariation(0)
                .prerequisite("gate", 0)
                .target(1, "alice")
                .rule(rule("eu", serve(2), clause("country", "in", "DE")))
                .rule(rule("beta", serve(3), clause("beta", "in", true)))
                .fallthrough(serve(4));
    }

    private static Flag gate(boolean on) {
        return boolFlag("gate").on(on).fallthrough(serve(0)).build();
    }

    @Test
    void offWinsOverEverything() {
        CompiledEnvironment env = Fixtures.compile(everyLayer().on(false).build(), gate(true));
        EvaluationResult r = env.evaluate("f", user("alice", "country", "DE"));
        assertThat(r.value().textValue()).isEqualTo("off");
        assertThat(r.variationIndex()).isZero();
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.OFF);
        assertThat(r.snapshotVersion()).isEqualTo(42L);
    }

    @Test
    void failedPrerequisiteBeatsTargetsAndRules() {
        CompiledEnvironment env = Fixtures.compile(everyLayer().build(), gate(false));
        EvaluationResult r = env.evaluate("f", user("alice", "country", "DE"));
        assertThat(r.value().textValue()).isEqualTo("off");
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.PREREQUISITE_FAILED);
        assertThat(r.reason().prerequisiteKey()).isEqualTo("gate");
    }

    @Test
    void targetBeatsRules() {
        CompiledEnvironment env = Fixtures.compile(everyLayer().build(), gate(true));
        EvaluationResult r = env.evaluate("f", user("alice", "country", "DE"));
        assertThat(r.value().textValue()).isEqualTo("target");
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.TARGET_MATCH);
    }

    @Test
    void firstMatchingRuleWins() {
        CompiledEnvironment env = Fixtures.compile(everyLayer().build(), gate(true));
        EvaluationResult r = env.evaluate("f", user("bob", "country", "DE", "beta", true));
        assertThat(r.value().textValue()).isEqualTo("rule0");
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.RULE_MATCH);
        assertThat(r.reason().ruleIndex()).isZero();
        assertThat(r.reason().ruleId()).isEqualTo("eu");
        assertThat(r.reason().inRollout()).isFalse();
        EvaluationResult second = env.evaluate("f", user("bob", "country", "US", "beta", true));
        assertThat(second.value().textValue()).isEqualTo("rule1");
        assertThat(second.reason().ruleIndex()).isEqualTo(1);
        assertThat(second.reason().ruleId()).isEqualTo("beta");
    }

    @Test
    void fallthroughLast() {
        CompiledEnvironment env = Fixtures.compile(everyLayer().build(), gate(true));
        EvaluationResult r = env.evaluate("f", user("bob", "country", "US"));
        assertThat(r.value().textValue()).isEqualTo("fallthrough");
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(r.reason().inRollout()).isFalse();
    }

    @Test
    void ruleAllClausesMustMatch() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .rule(rule("both", serve(0), clause("country", "in", "DE"), clause("plan", "in", "pro"))).build());
        assertThat(env.evaluate("f", user("u", "country", "DE", "plan", "pro")).variationIndex()).isZero();
        assertThat(env.evaluate("f", user("u", "country", "DE", "plan", "free")).variationIndex()).isEqualTo(1);
        assertThat(env.evaluate("f", user("u", "country", "DE")).variationIndex()).isEqualTo(1);
    }

    @Test
    void ruleWithNoClausesMatchesEveryone() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").rule(rule("all", serve(0))).build());
        assertThat(env.evaluate("f", user("u")).reason().kind()).isEqualTo(ReasonKind.RULE_MATCH);
    }

    @Test
    void rolloutInARuleSetsInRollout() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .rule(rule("r", rollout(null, 0, 100_000), clause("country", "in", "DE")))
                .fallthrough(rollout("key", 1, 100_000)).build());
        EvaluationResult viaRule = env.evaluate("f", user("u", "country", "DE"));
        assertThat(viaRule.reason()).isEqualTo(Reason.ruleMatch(0, "r", true, null));
        assertThat(viaRule.variationIndex()).isZero();
        EvaluationResult viaFallthrough = env.evaluate("f", user("u"));
        assertThat(viaFallthrough.reason()).isEqualTo(Reason.fallthrough(true, null));
        assertThat(viaFallthrough.variationIndex()).isEqualTo(1);
    }

    @Test
    void offWithoutOffVariationServesNoValue() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").on(false).offVariation(null).build());
        EvaluationResult r = env.evaluate("f", user("u"));
        assertThat(r.value()).isNull();
        assertThat(r.variationIndex()).isEqualTo(-1);
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.OFF);
        assertThat(r.isError()).isFalse();
    }

    @Test
    void forcedOffFlagsServeOffWithTheNote() {
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot(
                boolFlag("f").target(0, "alice").fallthrough(serve(0)).build(),
                boolFlag("g").fallthrough(serve(0)).build()), Set.of("f", "absent"), "kill list");
        EvaluationResult r = env.evaluate("f", user("alice"));
        assertThat(r.variationIndex()).isEqualTo(1);
        assertThat(r.reason()).isEqualTo(Reason.off("kill list"));
        assertThat(env.evaluate("g", user("alice")).variationIndex()).isZero();
    }

    @Test
    void forcedOffFlagsCanEachCarryTheirOwnNote() {
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot(
                boolFlag("killed").fallthrough(serve(0)).build(),
                boolFlag("stale").on(false).offVariation(null).build(),
                boolFlag("live").fallthrough(serve(0)).build()), java.util.Map.of("killed", "kill list", "stale", "stale"));
        assertThat(env.evaluate("killed", user("u")).reason()).isEqualTo(Reason.off("kill list"));
        assertThat(env.evaluate("stale", user("u")).reason()).isEqualTo(Reason.off("stale"));
        assertThat(env.evaluate("stale", user("u")).value()).isNull();
        assertThat(env.evaluate("live", user("u")).reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
    }

    @Test
    void unknownFlagAndMissingContextAreErrors() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").build());
        assertThat(env.evaluate("nope", user("u")).reason().errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
        assertThat(env.evaluate(null, user("u")).reason().errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
        assertThat(env.evaluate("f", null).reason().errorKind()).isEqualTo(ErrorKind.INVALID_CONTEXT);
        assertThat(env.evaluate("nope", user("u")).value()).isNull();
    }

    @Test
    void aNullContextStillGetsTheOffVariationOfAnOffFlag() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("off").on(false).build());
        assertThat(env.evaluate("off", null).reason()).isEqualTo(Reason.off(null));
        assertThat(env.evaluate("off", null).variationIndex()).isEqualTo(1);
    }

    @Test
    void aFallthroughIsStaticOnlyWhenNoContextCanChangeTheValue() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("static").build(),
                boolFlag("with-rule").rule(rule("r", serve(0), clause("country", "in", "DE"))).build(),
                boolFlag("with-target").target(0, "alice").build(),
                boolFlag("with-prerequisite").prerequisite("static", 1).build(),
                boolFlag("rollout").fallthrough(rollout(null, 1, 100_000)).build());
        assertThat(env.evaluate("static", user("u")).reason()).isEqualTo(Reason.staticFallthrough(null));
        assertThat(env.evaluate("static", user("u")).reason()).hasToString("FALLTHROUGH(static)");
        for (String flag : new String[] {"with-rule", "with-target", "with-prerequisite", "rollout"}) {
            Reason reason = env.evaluate(flag, user("u")).reason();
            assertThat(reason.kind()).as(flag).isEqualTo(ReasonKind.FALLTHROUGH);
            assertThat(reason.isStatic()).as(flag).isFalse();
        }
    }

    @Test
    void evaluationReturnsSharedPreallocatedResults() {
        CompiledEnvironment env = Fixtures.compile(everyLayer().build(), gate(true));
        assertThat(env.evaluate("f", user("a", "country", "DE")))
                .isSameAs(env.evaluate("f", user("b", "country", "DE")));
    }

    @Test
    void accessorsDescribeTheSnapshot() {
        CompiledEnvironment env = Fixtures.compile(everyLayer().build(), gate(true));
        assertThat(env.version()).isEqualTo(42L);
        assertThat(env.flagKeys()).containsExactly("f", "gate");
        assertThat(env.flagCount()).isEqualTo(2);
        assertThat(env.flagKey(1)).isEqualTo("gate");
        assertThat(env.flagType("f")).isEqualTo(FlagType.STRING);
        assertThat(env.flagType("gate")).isEqualTo(FlagType.BOOLEAN);
        assertThat(env.flagType("nope")).isNull();
        assertThat(env.hasFlag("gate")).isTrue();
        assertThat(env.snapshot().environment()).isEqualTo("prod");
    }
}
