package dev.vexil.openfeature;

import static dev.vexil.openfeature.ProviderHarness.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import dev.vexil.sdk.Eventually;
import dev.vexil.sdk.ExplodingNumber;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reason of every kind of result, and the message and metadata of every error code (the specification's
 * error-code table, open-feature/spec at e33a15e), through the OpenFeature API. The mapping table is in
 * sdk-java/README.md.
 */
class ReasonsAndErrorCodesTest {
    private static final EvaluationContext FREE = user("u-1", "free");

    @RegisterExtension
    final ProviderHarness harness = new ProviderHarness();
    private Client client;

    @BeforeEach
    void setUp() {
        client = harness.start();
    }

    private FlagEvaluationDetails<Boolean> bool(String flag, EvaluationContext context) {
        return client.getBooleanDetails(flag, true, context);
    }

    @Test
    void staticWhenNoContextCanChangeTheValue() {
        FlagEvaluationDetails<Boolean> d = bool("static", FREE);
        assertThat(d.getReason()).isEqualTo("STATIC");
        assertThat(d.getFlagMetadata().asUnmodifiableMap()).containsOnly(Map.entry("snapshotVersion", 3L), Map.entry("version", "3"));
    }

    @Test
    void defaultForAFixedFallthroughAfterTargetingDidNotMatch() {
        FlagEvaluationDetails<Boolean> d = bool("targeted", FREE);
        assertThat(d.getReason()).isEqualTo("DEFAULT");
        assertThat(d.getValue()).isFalse();
        assertThat(d.getVariant()).isEqualTo("off");
    }

    @Test
    void targetingMatchForATargetOrARule() {
        FlagEvaluationDetails<Boolean> target = bool("targeted", user("vip", "free"));
        assertThat(target.getReason()).isEqualTo("TARGETING_MATCH");
        assertThat(target.getFlagMetadata().getString("ruleId")).as("no rule").isNull();
        FlagEvaluationDetails<Boolean> rule = client.getBooleanDetails("targeted", false, user("u-2", "pro"));
        assertThat(rule.getReason()).isEqualTo("TARGETING_MATCH");
        assertThat(rule.getFlagMetadata().asUnmodifiableMap()).containsOnly(Map.entry("snapshotVersion", 3L), Map.entry("version", "3"),
                Map.entry("ruleId", "pro-users"), Map.entry("ruleIndex", 0));
    }

    @Test
    void splitWhenAPercentageRolloutDecided() {
        assertThat(bool("split", FREE).getReason()).isEqualTo("SPLIT");
        FlagEvaluationDetails<Boolean> ruleSplit = bool("rule-split", FREE);
        assertThat(ruleSplit.getReason()).isEqualTo("SPLIT");
        assertThat(ruleSplit.getFlagMetadata().getString("ruleId")).isEqualTo("everyone");
    }

    @Test
    void disabledWhenTheFlagIsOff() {
        FlagEvaluationDetails<Boolean> d = bool("disabled", FREE);
        assertThat(d.getReason()).isEqualTo("DISABLED");
        assertThat(d.getValue()).isFalse();
        assertThat(d.getVariant()).isEqualTo("off");
        assertThat(d.getErrorCode()).isNull();
    }

    @Test
    void disabledWhenTheKillListForcesTheFlagOff() {
        harness.edge.killList("{\"flags\":[\"static\"]}");
        Eventually.await("killed", () -> !client.getBooleanValue("static", true, FREE));
        FlagEvaluationDetails<Boolean> d = bool("static", FREE);
        assertThat(d.getReason()).isEqualTo("DISABLED");
        assertThat(d.getFlagMetadata().asUnmodifiableMap()).containsOnly(Map.entry("snapshotVersion", 3L), Map.entry("version", "3"),
                Map.entry("reasonNote", "kill list"));
    }

    @Test
    void prerequisiteFailedIsAProviderSpecificReason() {
        FlagEvaluationDetails<Boolean> d = bool("child", FREE);
        assertThat(d.getReason()).isEqualTo("PREREQUISITE_FAILED");
        assertThat(d.getValue()).as("the off variation").isFalse();
        assertThat(d.getErrorCode()).isNull();
        assertThat(d.getFlagMetadata().asUnmodifiableMap()).containsOnly(Map.entry("snapshotVersion", 3L), Map.entry("version", "3"),
                Map.entry("prerequisiteKey", "disabled"));
    }

    private static void assertError(FlagEvaluationDetails<?> d, ErrorCode code, String message) {
        assertThat(d.getReason()).as(message).isEqualTo("ERROR");
        assertThat(d.getErrorCode()).isEqualTo(code);
        assertThat(d.getErrorMessage()).isEqualTo(message);
        assertThat(d.getVariant()).isNull();
    }

    @Test
    void errorCode_FLAG_NOT_FOUND() {
        FlagEvaluationDetails<Boolean> d = bool("nope", FREE);
        assertError(d, ErrorCode.FLAG_NOT_FOUND, "flag 'nope' not found in snapshot version 3");
        assertThat(d.getValue()).isTrue();
        assertThat(d.getFlagMetadata().asUnmodifiableMap()).containsOnly(Map.entry("snapshotVersion", 3L), Map.entry("version", "3"),
                Map.entry("reasonNote", "flag 'nope' not found in snapshot version 3"));
    }

    @Test
    void errorCode_TYPE_MISMATCH() {
        FlagEvaluationDetails<String> declared = client.getStringDetails("static", "d", FREE);
        assertError(declared, ErrorCode.TYPE_MISMATCH, "flag 'static' is a boolean flag, not a string");
        assertThat(declared.getValue()).isEqualTo("d");
        assertThat(declared.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);
        FlagEvaluationDetails<Integer> served = client.getIntegerDetails("huge", 7, FREE);
        assertError(served, ErrorCode.TYPE_MISMATCH, "flag 'huge' served number, not an int");
        assertThat(served.getValue()).isEqualTo(7);
        assertThat(served.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);
    }

    @Test
    void errorCode_PARSE_ERROR() {
        FlagEvaluationDetails<Boolean> d = bool("broken", FREE);
        assertError(d, ErrorCode.PARSE_ERROR,
                "flag 'broken' is malformed: fallthrough.variation: 7 is not a variation index");
        assertThat(d.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);
    }

    @Test
    void errorCode_TARGETING_KEY_MISSING() {
        FlagEvaluationDetails<Boolean> d = bool("split", new ImmutableContext());
        assertError(d, ErrorCode.TARGETING_KEY_MISSING,
                "flag 'split': the rollout buckets by the key, and the 'user' context has none");
        assertThat(d.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);
    }

    @Test
    void errorCode_INVALID_CONTEXT() {
        FlagEvaluationDetails<Boolean> d = bool("by-org", FREE);
        assertError(d, ErrorCode.INVALID_CONTEXT,
                "flag 'by-org': the rollout buckets by context kind 'organization', which the context lacks");
        assertThat(d.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);
    }

    @Test
    void errorCode_GENERAL() {
        EvaluationContext exploding = new ImmutableContext("u-1", Map.of("age", valueOf(new ExplodingNumber())));
        FlagEvaluationDetails<Boolean> d = bool("adults", exploding);
        assertError(d, ErrorCode.GENERAL, "flag 'adults': evaluation failed: java.lang.IllegalStateException: boom");
        assertThat(d.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);
    }

    private static Value valueOf(Object number) {
        try {
            return new Value(number);
        } catch (InstantiationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void errorCode_PROVIDER_NOT_READY() {
        try (ProviderHarness empty = new ProviderHarness()) { // its edge has no snapshot yet
            VexilProvider provider = ProviderHarness.provider(empty.vexil()).build();
            ProviderEvaluation<Boolean> r = provider.getBooleanEvaluation("static", true, null);
            assertThat(r.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
            assertThat(r.getErrorMessage()).isEqualTo("flag 'static': no snapshot loaded yet");
            assertThat(r.getReason()).isEqualTo("ERROR");
            assertThat(r.getValue()).isTrue();
            assertThat(r.getFlagMetadata().asUnmodifiableMap()).as("no snapshot, no version")
                    .containsOnly(Map.entry("reasonNote", "flag 'static': no snapshot loaded yet"));
        }
    }
}
