package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.ofKind;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.bucket.SaltedBucketer;
import dev.vexil.model.Flag;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentsTest {
    private static Flag inSegment(String... keys) {
        return boolFlag("f").rule(rule("seg", serve(0), clause("segment", "segmentMatch", (Object[]) keys))).build();
    }

    private static CompiledEnvironment env(Flag flag, Segment... segments) {
        return CompiledEnvironment.compile(Fixtures.snapshot(List.of(flag), List.of(segments)));
    }

    private static boolean matches(CompiledEnvironment env, Context ctx) {
        return env.evaluate("f", ctx).reason().kind() == ReasonKind.RULE_MATCH;
    }

    @Test
    void excludedBeatsIncludedBeatsRules() {
        Segment beta = new Segment("beta", List.of("alice", "carol"), List.of("carol", "dave"),
                List.of(new SegmentRule("de", List.of(clause("country", "in", "DE")))), null);
        CompiledEnvironment env = env(inSegment("beta"), beta);
        assertThat(matches(env, user("alice"))).as("included").isTrue();
        assertThat(matches(env, user("carol"))).as("excluded beats included").isFalse();
        assertThat(matches(env, user("dave", "country", "DE"))).as("excluded beats rules").isFalse();
        assertThat(matches(env, user("erin", "country", "DE"))).as("rule").isTrue();
        assertThat(matches(env, user("erin", "country", "FR"))).isFalse();
    }

    @Test
    void valuesAreOredAndNegateApplies() {
        Segment a = new Segment("a", List.of("alice"), List.of(), List.of(), null);
        Segment b = new Segment("b", List.of("bob"), List.of(), List.of(), null);
        CompiledEnvironment env = env(inSegment("a", "b"), a, b);
        assertThat(matches(env, user("alice"))).isTrue();
        assertThat(matches(env, user("bob"))).isTrue();
        assertThat(matches(env, user("carol"))).isFalse();
        CompiledEnvironment negated = env(boolFlag("f").rule(rule("r", serve(0),
                not(clause("segment", "segmentMatch", "a")))).build(), a);
        assertThat(matches(negated, user("alice"))).isFalse();
        assertThat(matches(negated, user("bob"))).isTrue();
    }

    @Test
    void weightedRuleAdmitsItsShareBucketedWithTheSegmentSalt() {
        Segment half = new Segment("half", List.of(), List.of(),
                List.of(new SegmentRule("r", List.of(), 50_000, null, null)), "half-salt");
        CompiledEnvironment env = env(inSegment("half"), half);
        SaltedBucketer bucketer = SaltedBucketer.forSalt("half-salt");
        int admitted = 0;
        for (int i = 0; i < 2000; i++) {
            String key = "user-" + i;
            boolean expected = bucketer.bucket(key) < 50_000;
            assertThat(matches(env, user(key))).as(key).isEqualTo(expected);
            admitted += expected ? 1 : 0;
        }
        assertThat(admitted).isBetween(900, 1100);
    }

    @Test
    void weightedRuleBucketsByAttributeWithKeyFallbackAndDefaultSaltIsTheSegmentKey() {
        Segment orgs = new Segment("orgs", List.of(), List.of(),
                List.of(new SegmentRule("r", List.of(), 30_000, "org", null)), null);
        CompiledEnvironment env = env(inSegment("orgs"), orgs);
        SaltedBucketer bucketer = SaltedBucketer.forSalt("orgs");
        for (int i = 0; i < 500; i++) {
            assertThat(matches(env, user("u" + i, "org", "org-" + i)))
                    .isEqualTo(bucketer.bucket("org-" + i) < 30_000);
            assertThat(matches(env, user("u" + i))).as("missing bucketBy → key")
                    .isEqualTo(bucketer.bucket("u" + i) < 30_000);
        }
    }

    @Test
    void zeroWeightAdmitsNobodyAndFullWeightEverybody() {
        Segment none = new Segment("none", List.of(), List.of(),
                List.of(new SegmentRule("r", List.of(), 0, null, null)), null);
        Segment all = new Segment("all", List.of(), List.of(),
                List.of(new SegmentRule("r", List.of(), 100_000, null, null)), null);
        for (int i = 0; i < 200; i++) {
            assertThat(matches(env(inSegment("none"), none), user("k" + i))).isFalse();
            assertThat(matches(env(inSegment("all"), all), user("k" + i))).isTrue();
        }
    }

    @Test
    void nestedSegmentsAndCyclesAreBroken() {
        Segment inner = new Segment("inner", List.of("alice"), List.of(), List.of(), null);
        Segment outer = new Segment("outer", List.of(), List.of(),
                List.of(new SegmentRule("r", List.of(clause("s", "segmentMatch", "inner")))), null);
        assertThat(matches(env(inSegment("outer"), inner, outer), user("alice"))).isTrue();

        Segment x = new Segment("x", List.of("xavier"), List.of(), List.of(
                new SegmentRule("r", List.of(clause("s", "segmentMatch", "y")))), null);
        Segment y = new Segment("y", List.of("yann"), List.of(), List.of(
                new SegmentRule("r", List.of(clause("s", "segmentMatch", "x")))), null);
        CompiledEnvironment cyclic = env(inSegment("x"), x, y);
        assertThat(matches(cyclic, user("xavier"))).isTrue();
        assertThat(matches(cyclic, user("yann"))).as("the cyclic reference is treated as empty").isFalse();
        assertThat(cyclic.evaluate("f", user("u")).reason().note()).contains("segment reference cycle x -> y -> x");
    }

    @Test
    void unknownSegmentIsEmptyWithANote() {
        CompiledEnvironment env = env(inSegment("ghost"));
        EvaluationResult r = env.evaluate("f", user("u"));
        assertThat(r.reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(r.reason().note()).isEqualTo("rules[0].clauses[0].values[0]: unknown segment 'ghost'; treated as empty");
    }

    @Test
    void unknownOperatorInsideASegmentIsReportedOnTheFlag() {
        Segment s = new Segment("s", List.of("alice"), List.of(), List.of(
                new SegmentRule("r", List.of(clause("x", "newOp", 1)))), null);
        CompiledEnvironment env = env(inSegment("s"), s);
        assertThat(matches(env, user("alice"))).isTrue();
        assertThat(env.evaluate("f", user("bob")).reason().note())
                .isEqualTo("segment 's': rules[0].clauses[0]: unknown operator 'newOp'; the clause never matches");
    }

    @Test
    void segmentKeysAreThoseOfTheClauseKind() {
        Segment orgs = new Segment("orgs", List.of("acme"), List.of(), List.of(), null);
        Flag flag = boolFlag("f").rule(rule("r", serve(0),
                ofKind("organization", clause("segment", "segmentMatch", "orgs")))).build();
        CompiledEnvironment env = env(flag, orgs);
        assertThat(matches(env, Context.multi(user("bob"), Fixtures.context("organization", "acme")))).isTrue();
        assertThat(matches(env, user("acme"))).as("a user keyed acme is not the organization").isFalse();
    }
}
