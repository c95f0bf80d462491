package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.context;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.rollout;
import static dev.vexil.eval.Fixtures.rolloutOfKind;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.eval.bucket.SaltedBucketer;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A context without a key (docs/evaluation.md, "Keyless contexts"): targets and clauses on {@code key} never match
 * it, a rollout that needs its key serves TARGETING_KEY_MISSING, everything else evaluates as usual.
 */
class KeylessContextTest {
    private static final Context NOBODY = Context.keyless();

    private static Context keyless(String name, String value) {
        return Context.keylessBuilder().set(name, value).build();
    }

    @Test
    void aKeylessContextHasAKindAndAttributesButNoKey() {
        Context job = Context.keylessBuilder("service").set("region", "eu").build();
        assertThat(job.key()).isNull();
        assertThat(job.kind()).isEqualTo("service");
        assertThat(job.get("region")).isEqualTo("eu");
        assertThat(job.get("key")).isNull();
        assertThat(NOBODY.key()).isNull();
        assertThat(NOBODY.kind()).isEqualTo(Context.DEFAULT_KIND);
        assertThat(NOBODY.attributeNames()).isEmpty();
        assertThatThrownBy(() -> Context.builder(null)).as("a key, when asked for, is still required")
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Context.builder("user", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aStaticFlagServesItsValueWithAStaticReason() {
        EvaluationResult r = Fixtures.compile(boolFlag("kill-switch").fallthrough(serve(0)).build())
                .evaluate("kill-switch", NOBODY);
        assertThat(r.variationIndex()).isZero();
        assertThat(r.reason()).isEqualTo(Reason.staticFallthrough(null));
        assertThat(r.reason().isStatic()).isTrue();
    }

    @Test
    void aDisabledFlagServesItsOffVariation() {
        EvaluationResult r = Fixtures.compile(boolFlag("f").on(false).build()).evaluate("f", NOBODY);
        assertThat(r.reason()).isEqualTo(Reason.off(null));
        assertThat(r.variationIndex()).isEqualTo(1);
    }

    @Test
    void individualTargetsNeverMatchIt() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").target(0, "alice", "").build());
        EvaluationResult r = env.evaluate("f", NOBODY);
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(r.reason().isStatic()).as("the flag has targets").isFalse();
        assertThat(r.variationIndex()).isEqualTo(1);
    }

    @Test
    void clausesOnTheKeyNeverMatchItEvenNegated() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("in").rule(rule("r", serve(0), clause("key", "in", "alice"))).build(),
                boolFlag("not-in").rule(rule("r", serve(0), not(clause("key", "in", "alice")))).build(),
                boolFlag("prefix").rule(rule("r", serve(0), clause("key", "startsWith", ""))).build());
        for (String flag : List.of("in", "not-in", "prefix")) {
            assertThat(env.evaluate(flag, NOBODY).reason().kind()).as(flag).isEqualTo(ReasonKind.FALLTHROUGH);
        }
        assertThat(env.evaluate("not-in", user("bob")).reason().kind()).as("a keyed context still matches")
                .isEqualTo(ReasonKind.RULE_MATCH);
    }

    @Test
    void rulesOnOtherAttributesMatchIt() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .rule(rule("germany", serve(0), clause("country", "in", "DE"))).build());
        EvaluationResult r = env.evaluate("f", keyless("country", "DE"));
        assertThat(r.reason()).isEqualTo(Reason.ruleMatch(0, "germany", false, null));
        assertThat(r.variationIndex()).isZero();
    }

    @Test
    void aRolloutByTheKeyServesTargetingKeyMissing() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("fall").fallthrough(rollout(null, 0, 50_000, 1, 50_000)).build(),
                boolFlag("rule").rule(rule("all", rollout(null, 0, 50_000, 1, 50_000))).build());
        for (String flag : List.of("fall", "rule")) {
            EvaluationResult r = env.evaluate(flag, NOBODY);
            assertThat(r.reason().errorKind()).as(flag).isEqualTo(ErrorKind.TARGETING_KEY_MISSING);
            assertThat(r.reason().note()).isEqualTo("the rollout buckets by the key, and the 'user' context has none");
            assertThat(r.value()).isNull();
            assertThat(r.variationIndex()).isEqualTo(-1);
        }
    }

    @Test
    void aRolloutByAnAttributeBucketsAKeylessContextByThatAttribute() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").fallthrough(rollout("org", 0, 50_000, 1, 50_000))
                .build());
        SaltedBucketer bucketer = SaltedBucketer.forSalt("f");
        for (int i = 0; i < 200; i++) {
            EvaluationResult r = env.evaluate("f", keyless("org", "org-" + i));
            assertThat(r.reason()).isEqualTo(Reason.fallthrough(true, null));
            assertThat(r.variationIndex()).isEqualTo(bucketer.bucket("org-" + i) < 50_000 ? 0 : 1);
            assertThat(r).as("same answer as a keyed context with that attribute")
                    .isSameAs(env.evaluate("f", user("u-" + i, "org", "org-" + i)));
        }
    }

    @Test
    void aRolloutByAMissingAttributeServesTargetingKeyMissing() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").fallthrough(rollout("org", 0, 50_000, 1, 50_000))
                .build());
        EvaluationResult r = env.evaluate("f", NOBODY);
        assertThat(r.reason().errorKind()).isEqualTo(ErrorKind.TARGETING_KEY_MISSING);
        assertThat(r.reason().note())
                .isEqualTo("bucketBy 'org' missing, and the 'user' context has no key to bucket by instead");
    }

    @Test
    void aRolloutOnAnotherKindUsesThatKindsKey() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f")
                .fallthrough(rolloutOfKind("organization", null, 0, 50_000, 1, 50_000)).build());
        Context anonymousUserOfAnOrg = Context.multi(NOBODY, context("organization", "org-7"));
        assertThat(env.evaluate("f", anonymousUserOfAnOrg).variationIndex())
                .isEqualTo(SaltedBucketer.forSalt("f").bucket("org-7") < 50_000 ? 0 : 1);
        assertThat(anonymousUserOfAnOrg.key()).as("the user part has no key").isNull();
    }

    @Test
    void segmentsNeverListItAndWeightedSegmentRulesNeverAdmitIt() {
        Segment listed = new Segment("listed", List.of("alice"), List.of("bob"), List.of(), null);
        Segment byCountry = new Segment("by-country", List.of(), List.of(),
                List.of(new SegmentRule("de", List.of(clause("country", "in", "DE")))), null);
        Segment everyoneWeighted = new Segment("weighted", List.of(), List.of(),
                List.of(new SegmentRule("all", List.of(), 100_000, null, null)), null);
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot(List.of(
                boolFlag("listed").rule(rule("r", serve(0), clause("segment", "segmentMatch", "listed"))).build(),
                boolFlag("country").rule(rule("r", serve(0), clause("segment", "segmentMatch", "by-country")))
                        .build(),
                boolFlag("weighted").rule(rule("r", serve(0), clause("segment", "segmentMatch", "weighted")))
                        .build()), List.of(listed, byCountry, everyoneWeighted)));
        Context german = keyless("country", "DE");
        assertThat(env.evaluate("listed", german).reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(env.evaluate("country", german).reason().kind()).isEqualTo(ReasonKind.RULE_MATCH);
        assertThat(env.evaluate("weighted", german).reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(env.evaluate("weighted", user("anyone")).reason().kind()).as("a keyed context is admitted")
                .isEqualTo(ReasonKind.RULE_MATCH);
    }

    @Test
    void aPrerequisiteThatCannotBucketItFails() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("child").prerequisite("parent", 0).fallthrough(serve(0)).build(),
                boolFlag("parent").fallthrough(rollout(null, 0, 100_000)).build());
        EvaluationResult r = env.evaluate("child", NOBODY);
        assertThat(r.reason()).isEqualTo(Reason.prerequisiteFailed("parent", null));
        assertThat(r.variationIndex()).isEqualTo(1);
    }
}
