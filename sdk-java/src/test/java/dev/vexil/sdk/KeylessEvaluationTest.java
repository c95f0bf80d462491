package dev.vexil.sdk;

import static dev.vexil.sdk.ScenarioFlags.disabledFlag;
import static dev.vexil.sdk.ScenarioFlags.rolloutFlag;
import static dev.vexil.sdk.ScenarioFlags.staticFlag;
import static dev.vexil.sdk.ScenarioFlags.targetedFlag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.ReasonKind;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller without a subject (a background job) evaluates with {@link Context#keyless()}. */
class KeylessEvaluationTest {
    private static final Context NOBODY = Context.keyless();

    @TempDir
    Path dir;
    private VexilClient client;

    @BeforeEach
    void setUp() throws IOException {
        client = TestClients.offline(dir, TestSnapshots.json(5, staticFlag("kill-switch"), disabledFlag("disabled"),
                targetedFlag("targeted"), rolloutFlag("rollout")));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aStaticFlagServesItsValue() {
        assertThat(client.boolVariation("kill-switch", NOBODY, false)).isTrue();
        EvaluationDetail<Boolean> d = client.boolVariationDetail("kill-switch", NOBODY, false);
        assertThat(d.value()).isTrue();
        assertThat(d.reason().isStatic()).isTrue();
        assertThat(d.openFeatureReason()).isEqualTo("STATIC");
    }

    @Test
    void aDisabledFlagServesItsOffVariation() {
        EvaluationDetail<Boolean> d = client.boolVariationDetail("disabled", NOBODY, true);
        assertThat(d.value()).isFalse();
        assertThat(d.reason().kind()).isEqualTo(ReasonKind.OFF);
        assertThat(d.openFeatureReason()).isEqualTo("DISABLED");
    }

    @Test
    void aTargetedFlagMatchesRulesOnAttributesButNeverTargets() {
        EvaluationDetail<Boolean> plain = client.boolVariationDetail("targeted", NOBODY, true);
        assertThat(plain.value()).isFalse();
        assertThat(plain.openFeatureReason()).isEqualTo("DEFAULT");

        Context proJob = Context.keylessBuilder().set("plan", "pro").build();
        EvaluationDetail<Boolean> pro = client.boolVariationDetail("targeted", proJob, false);
        assertThat(pro.value()).isTrue();
        assertThat(pro.reason().ruleId()).isEqualTo("pro-users");
        assertThat(pro.openFeatureReason()).isEqualTo("TARGETING_MATCH");
    }

    @Test
    void aRolloutByTheKeyServesTheDefaultWithTargetingKeyMissing() {
        assertThat(client.boolVariation("rollout", NOBODY, true)).isTrue();
        EvaluationDetail<Boolean> d = client.boolVariationDetail("rollout", NOBODY, true);
        assertThat(d.value()).isTrue();
        assertThat(d.errorKind()).isEqualTo(ErrorKind.TARGETING_KEY_MISSING);
        assertThat(d.openFeatureErrorCode()).isEqualTo("TARGETING_KEY_MISSING");
        assertThat(d.errorMessage())
                .isEqualTo("flag 'rollout': the rollout buckets by the key, and the 'user' context has none");
        assertThat(d.snapshotVersion()).isEqualTo(5);
    }

    @Test
    void aMissingFlagIsFlagNotFound() {
        EvaluationDetail<Boolean> d = client.boolVariationDetail("nope", NOBODY, true);
        assertThat(d.value()).isTrue();
        assertThat(d.errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
        assertThat(d.errorMessage()).isEqualTo("flag 'nope' not found in snapshot version 5");
    }

    @Test
    void aWrongTypeIsTypeMismatchEvenWhereTheFlagCouldNotBeEvaluated() {
        EvaluationDetail<String> d = client.stringVariationDetail("rollout", NOBODY, "d");
        assertThat(d.value()).isEqualTo("d");
        assertThat(d.errorKind()).as("the type is checked before the rollout").isEqualTo(ErrorKind.WRONG_TYPE);
        assertThat(d.errorMessage()).isEqualTo("flag 'rollout' is a boolean flag, not a string");
    }
}
