package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.context;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.ofKind;
import static dev.vexil.eval.Fixtures.rolloutOfKind;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.bucket.SaltedBucketer;
import org.junit.jupiter.api.Test;

class MultiKindContextTest {
    private final Context both = Context.multi(user("bob", "plan", "free"),
            context("organization", "acme", "plan", "enterprise"));

    @Test
    void clausesPickTheirKindDefaultingToUser() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("org").rule(rule("r", serve(0), ofKind("organization", clause("plan", "in", "enterprise"))))
                        .build(),
                boolFlag("usr").rule(rule("r", serve(0), clause("plan", "in", "enterprise"))).build());
        assertThat(env.evaluate("org", both).variationIndex()).isZero();
        assertThat(env.evaluate("usr", both).variationIndex()).isEqualTo(1);
    }

    @Test
    void aMissingKindNeverMatchesEvenNegated() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .rule(rule("r", serve(0), not(ofKind("device", clause("os", "in", "ios"))))).build());
        assertThat(env.evaluate("f", both).variationIndex()).isEqualTo(1);
        CompiledEnvironment orgOnly = Fixtures.compile(boolFlag("f")
                .rule(rule("r", serve(0), not(clause("plan", "in", "x")))).build());
        assertThat(orgOnly.evaluate("f", context("organization", "acme", "plan", "free")).variationIndex())
                .as("the clause's default kind is user").isEqualTo(1);
    }

    @Test
    void targetsPickTheirKind() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").targetOfKind("organization", 0, "acme").build());
        assertThat(env.evaluate("f", both).reason().kind()).isEqualTo(ReasonKind.TARGET_MATCH);
        assertThat(env.evaluate("f", user("acme")).reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
    }

    @Test
    void rolloutsBucketByTheirKindsKey() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .fallthrough(rolloutOfKind("organization", null, 0, 50_000, 1, 50_000)).build());
        SaltedBucketer bucketer = SaltedBucketer.forSalt("f");
        for (int i = 0; i < 300; i++) {
            Context ctx = Context.multi(user("same-user"), context("organization", "org-" + i));
            assertThat(env.evaluate("f", ctx).variationIndex())
                    .isEqualTo(bucketer.bucket("org-" + i) < 50_000 ? 0 : 1);
        }
    }

    @Test
    void aRolloutOnAMissingKindIsAnInvalidContextError() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .fallthrough(rolloutOfKind("organization", null, 0, 50_000, 1, 50_000)).build());
        EvaluationResult r = env.evaluate("f", user("bob"));
        assertThat(r.reason().errorKind()).isEqualTo(ErrorKind.INVALID_CONTEXT);
        assertThat(r.reason().note())
                .isEqualTo("the rollout buckets by context kind 'organization', which the context lacks");
    }
}
