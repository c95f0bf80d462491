package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {
    @Test
    void passesOnlyWhenThePrerequisiteIsOnAndServesTheRequiredVariation() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("child").prerequisite("parent", 0).fallthrough(serve(0)).build(),
                boolFlag("parent").rule(rule("de", serve(0), clause("country", "in", "DE"))).build());
        assertThat(env.evaluate("child", user("u", "country", "DE")).reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        EvaluationResult failed = env.evaluate("child", user("u", "country", "US"));
        assertThat(failed.reason()).isEqualTo(Reason.prerequisiteFailed("parent", null));
        assertThat(failed.variationIndex()).isEqualTo(1);
    }

    @Test
    void anOffPrerequisiteFailsEvenIfItsOffVariationIsTheRequiredOne() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("child").prerequisite("parent", 1).fallthrough(serve(0)).build(),
                boolFlag("parent").on(false).build());
        assertThat(env.evaluate("child", user("u")).reason().kind()).isEqualTo(ReasonKind.PREREQUISITE_FAILED);
    }

    @Test
    void aForcedOffPrerequisiteFails() {
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot(
                boolFlag("child").prerequisite("parent", 0).fallthrough(serve(0)).build(),
                boolFlag("parent").fallthrough(serve(0)).build()), Set.of("parent"), "kill list");
        assertThat(env.evaluate("child", user("u")).reason().prerequisiteKey()).isEqualTo("parent");
    }

    @Test
    void chainsAreEvaluatedRecursivelyAndTheFirstFailureIsReported() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("a").prerequisite("b", 0).prerequisite("c", 0).fallthrough(serve(0)).build(),
                boolFlag("b").prerequisite("d", 0).fallthrough(serve(0)).build(),
                boolFlag("c").fallthrough(serve(0)).build(),
                boolFlag("d").rule(rule("vip", serve(0), clause("vip", "in", true))).build());
        assertThat(env.evaluate("a", user("u", "vip", true)).reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(env.evaluate("a", user("u")).reason().prerequisiteKey()).as("b fails because d does").isEqualTo("b");
        assertThat(env.evaluate("b", user("u")).reason().prerequisiteKey()).isEqualTo("d");
    }

    @Test
    void cyclesMakeTheirMembersMalformedAndDependentsFail() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("a").prerequisite("b", 0).build(),
                boolFlag("b").prerequisite("c", 0).build(),
                boolFlag("c").prerequisite("a", 0).build(),
                boolFlag("self").prerequisite("self", 0).build(),
                boolFlag("outside").prerequisite("a", 0).fallthrough(serve(0)).build(),
                boolFlag("fine").fallthrough(serve(0)).build());
        for (String key : new String[] {"a", "b", "c"}) {
            EvaluationResult r = env.evaluate(key, user("u"));
            assertThat(r.reason().errorKind()).as(key).isEqualTo(ErrorKind.MALFORMED_FLAG);
            assertThat(r.reason().note()).as(key).startsWith("prerequisites: cycle ").contains("a", "b", "c");
            assertThat(r.value()).isNull();
        }
        assertThat(env.evaluate("self", user("u")).reason().note()).isEqualTo("prerequisites: cycle self -> self");
        assertThat(env.evaluate("outside", user("u")).reason().kind()).isEqualTo(ReasonKind.PREREQUISITE_FAILED);
        assertThat(env.evaluate("fine", user("u")).variationIndex()).isZero();
    }

    @Test
    void unknownPrerequisiteOrVariationIsMalformed() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("a").prerequisite("ghost", 0).build(),
                boolFlag("b").prerequisite("c", 7).build(),
                boolFlag("c").build());
        assertThat(env.evaluate("a", user("u")).reason()).isEqualTo(
                Reason.error(ErrorKind.MALFORMED_FLAG, "prerequisites[0]: unknown flag 'ghost'"));
        assertThat(env.evaluate("b", user("u")).reason().note())
                .isEqualTo("prerequisites[0].variation: 7 is not a variation of 'c'");
    }

    @Test
    void aMalformedFlagThatIsOffStillServesItsOffVariation() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("a").on(false).prerequisite("ghost", 0).build());
        EvaluationResult r = env.evaluate("a", user("u"));
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.OFF);
        assertThat(r.variationIndex()).isEqualTo(1);
    }
}
