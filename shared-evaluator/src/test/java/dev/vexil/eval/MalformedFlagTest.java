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
import dev.vexil.model.Serve;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MalformedFlagTest {
    private static String errorNote(Flag broken) {
        CompiledEnvironment env = Fixtures.compile(broken, boolFlag("healthy").fallthrough(serve(0)).build());
        assertThat(env.evaluate("healthy", user("u")).variationIndex()).as("other flags unaffected").isZero();
        EvaluationResult r = env.evaluate(broken.key(), user("u", "country", "DE"));
        assertThat(r.reason().errorKind()).isEqualTo(ErrorKind.MALFORMED_FLAG);
        assertThat(r.value()).isNull();
        assertThat(r.variationIndex()).isEqualTo(-1);
        return r.reason().note();
    }

    @Test
    void variationIndexOutOfRange() {
        assertThat(errorNote(boolFlag("f").fallthrough(serve(2)).build()))
                .isEqualTo("fallthrough.variation: 2 is not a variation index");
        assertThat(errorNote(boolFlag("f").rule(rule("r", serve(-1), clause("country", "in", "DE"))).build()))
                .isEqualTo("rules[0].serve.variation: -1 is not a variation index");
        assertThat(errorNote(boolFlag("f").target(5, "u").build()))
                .isEqualTo("targets[0].variation: 5 is not a variation index");
        assertThat(errorNote(boolFlag("f").fallthrough(rollout(null, 0, 50_000, 9, 50_000)).build()))
                .isEqualTo("fallthrough.rollout.variations[1].variation: 9 is not a variation index");
    }

    @Test
    void badOffVariationBreaksEvenTheOffPath() {
        Flag f = boolFlag("f").on(false).offVariation(3).build();
        assertThat(errorNote(f)).isEqualTo("offVariation: 3 is not a variation index");
        CompiledEnvironment forced = CompiledEnvironment.compile(Fixtures.snapshot(f), Set.of("f"), "kill list");
        assertThat(forced.evaluate("f", user("u")).reason().errorKind()).isEqualTo(ErrorKind.MALFORMED_FLAG);
    }

    @Test
    void missingPieces() {
        assertThat(errorNote(flag("f").fallthrough(serve(0)).build())).isEqualTo(
                "variations: none; fallthrough.variation: 0 is not a variation index");
        assertThat(errorNote(boolFlag("f").fallthrough(null).build())).isEqualTo("fallthrough: missing");
        assertThat(errorNote(boolFlag("f").fallthrough(new Serve(null, null)).build()))
                .isEqualTo("fallthrough: needs exactly one of variation and rollout");
        assertThat(errorNote(boolFlag("f").type(null).build())).isEqualTo("type: missing or unknown");
    }

    @Test
    void rolloutWeightsNotSummingTo100000AreANoteNotAnError() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").fallthrough(rollout(null, 0, 10, 1, 10)).build());
        EvaluationResult r = env.evaluate("f", user("u"));
        assertThat(r.isError()).isFalse();
        assertThat(r.reason().note()).isEqualTo("fallthrough.rollout: weights sum to 20, not 100000");
    }
}
