package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.boolFlag;
import static dev.vexil.eval.Fixtures.flag;
import static dev.vexil.eval.Fixtures.rollout;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.bucket.SaltedBucketer;
import dev.vexil.model.FlagType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {
    @Test
    void variationIsTheFirstWhoseCumulativeWeightExceedsTheBucket() {
        CompiledEnvironment env = Fixtures.compile(flag("f").type(FlagType.STRING).variations("a", "b", "c")
                .fallthrough(rollout(null, 2, 10_000, 0, 30_000, 1, 60_000)).build());
        SaltedBucketer bucketer = SaltedBucketer.forSalt("f");
        for (int i = 0; i < 3000; i++) {
            String key = "k" + i;
            int bucket = bucketer.bucket(key);
            int expected = bucket < 10_000 ? 2 : bucket < 40_000 ? 0 : 1;
            assertThat(env.evaluate("f", user(key)).variationIndex()).as(key).isEqualTo(expected);
        }
    }

    @Test
    void saltDefaultsToTheFlagKeyAndCanBeSet() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("default-salt").fallthrough(rollout(null, 0, 50_000, 1, 50_000)).build(),
                boolFlag("custom").salt("shared").fallthrough(rollout(null, 0, 50_000, 1, 50_000)).build());
        SaltedBucketer byKey = SaltedBucketer.forSalt("default-salt");
        SaltedBucketer shared = SaltedBucketer.forSalt("shared");
        for (int i = 0; i < 500; i++) {
            String key = "k" + i;
            assertThat(env.evaluate("default-salt", user(key)).variationIndex()).isEqualTo(byKey.bucket(key) < 50_000 ? 0 : 1);
            assertThat(env.evaluate("custom", user(key)).variationIndex()).isEqualTo(shared.bucket(key) < 50_000 ? 0 : 1);
        }
    }

    @Test
    void bucketByStringAndIntegerAttributes() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("f").fallthrough(rollout("org", 0, 50_000, 1, 50_000)).build());
        SaltedBucketer bucketer = SaltedBucketer.forSalt("f");
        for (int i = 0; i < 500; i++) {
            EvaluationResult byString = env.evaluate("f", user("same", "org", "org-" + i));
            assertThat(byString.variationIndex()).isEqualTo(bucketer.bucket("org-" + i) < 50_000 ? 0 : 1);
            assertThat(byString.reason().note()).isNull();
            EvaluationResult byInt = env.evaluate("f", user("same", "org", i));
            assertThat(byInt.variationIndex()).as("integers hash as their decimal string")
                    .isEqualTo(bucketer.bucket(Integer.toString(i)) < 50_000 ? 0 : 1);
            assertThat(env.evaluate("f", user("same", "org", (double) i)).variationIndex())
                    .isEqualTo(byInt.variationIndex());
        }
    }

    @Test
    void missingOrUnusableBucketByFallsBackToTheKeyWithANote() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("f").fallthrough(rollout("org", 0, 50_000, 1, 50_000)).build());
        SaltedBucketer bucketer = SaltedBucketer.forSalt("f");
        int first = 0;
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            for (Context ctx : List.of(user(key), user(key, "org", true), user(key, "org", 1.5),
                    user(key, "org", List.of("a")))) {
                EvaluationResult r = env.evaluate("f", ctx);
                assertThat(r.variationIndex()).isEqualTo(bucketer.bucket(key) < 50_000 ? 0 : 1);
                assertThat(r.reason().note()).isEqualTo("bucketBy 'org' missing; bucketed by key");
                assertThat(r.reason().inRollout()).isTrue();
            }
            first += env.evaluate("f", user(key)).variationIndex() == 0 ? 1 : 0;
        }
        assertThat(first).as("not everyone in the first variation").isBetween(400, 600);
    }

    @Test
    void bucketByKeyIsTheDefault() {
        CompiledEnvironment env = Fixtures.compile(
                boolFlag("a").fallthrough(rollout("key", 0, 50_000, 1, 50_000)).build(),
                boolFlag("b").salt("a").fallthrough(rollout(null, 0, 50_000, 1, 50_000)).build());
        for (int i = 0; i < 300; i++) {
            assertThat(env.evaluate("a", user("k" + i)).variationIndex())
                    .isEqualTo(env.evaluate("b", user("k" + i)).variationIndex());
        }
    }

    @Test
    void weightsShortOf100000SendTheRestToTheLastVariation() {
        CompiledEnvironment env = Fixtures.compile(boolFlag("f").fallthrough(rollout(null, 0, 0, 1, 0)).build());
        assertThat(env.evaluate("f", user("anyone")).variationIndex()).isEqualTo(1);
    }
}
