package dev.vexil.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenFeature specification, section 3 (evaluation context), in the version the OpenFeature Java SDK 1.22.0
 * implements (open-feature/spec at e33a15e). Requirement 3.1.1 makes the targeting key optional: a context
 * without one is a keyless Vexil context, and is never refused up front.
 */
class EvaluationContextRequirementsTest {
    private static final EvaluationContext NO_KEY = new ImmutableContext();

    @RegisterExtension
    final ProviderHarness harness = new ProviderHarness();
    private Client client;

    @BeforeEach
    void setUp() {
        client = harness.start();
    }

    @Test
    void requirement_3_1_1_withoutATargetingKeyAStaticFlagServesItsValue() {
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("static", false, NO_KEY);
        assertThat(d.getValue()).isTrue();
        assertThat(d.getReason()).isEqualTo("STATIC");
        assertThat(d.getErrorCode()).isNull();
        assertThat(client.getBooleanValue("static", false)).as("no context at all").isTrue();
    }

    @Test
    void requirement_3_1_1_withoutATargetingKeyADisabledFlagIsDisabled() {
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("disabled", true, NO_KEY);
        assertThat(d.getValue()).isFalse();
        assertThat(d.getReason()).isEqualTo("DISABLED");
    }

    @Test
    void requirement_3_1_1_withoutATargetingKeyATargetedFlagMatchesRulesButNoTarget() {
        FlagEvaluationDetails<Boolean> plain = client.getBooleanDetails("targeted", true, NO_KEY);
        assertThat(plain.getValue()).isFalse();
        assertThat(plain.getReason()).isEqualTo("DEFAULT");
        FlagEvaluationDetails<Boolean> pro = client.getBooleanDetails("targeted", false,
                new ImmutableContext(Map.of("plan", new Value("pro"))));
        assertThat(pro.getValue()).isTrue();
        assertThat(pro.getReason()).isEqualTo("TARGETING_MATCH");
        assertThat(pro.getFlagMetadata().getString("ruleId")).isEqualTo("pro-users");
    }

    @Test
    void requirement_3_1_1_withoutATargetingKeyARolloutServesTheDefaultWithTargetingKeyMissing() {
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("split", true, NO_KEY);
        assertThat(d.getValue()).isTrue();
        assertThat(d.getReason()).isEqualTo("ERROR");
        assertThat(d.getErrorCode()).isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
        assertThat(d.getErrorMessage())
                .isEqualTo("flag 'split': the rollout buckets by the key, and the 'user' context has none");
        assertThat(client.getBooleanDetails("split", true, new ImmutableContext("", Map.of())).getErrorCode())
                .as("an empty targeting key identifies nobody").isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
    }

    @Test
    void requirement_3_1_1_withoutATargetingKeyAMissingFlagIsFlagNotFound() {
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("nope", true, NO_KEY);
        assertThat(d.getValue()).isTrue();
        assertThat(d.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(d.getErrorMessage()).isEqualTo("flag 'nope' not found in snapshot version 3");
    }

    @Test
    void requirement_3_1_1_withoutATargetingKeyAWrongTypeIsTypeMismatch() {
        FlagEvaluationDetails<String> d = client.getStringDetails("split", "d", NO_KEY);
        assertThat(d.getValue()).isEqualTo("d");
        assertThat(d.getErrorCode()).as("the type is checked before the rollout").isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(d.getErrorMessage()).isEqualTo("flag 'split' is a boolean flag, not a string");
    }

    @Test
    void requirement_3_1_2_customFieldsOfEveryTypeReachTheEvaluation() {
        EvaluationContext rich = new ImmutableContext("u-1", Map.of(
                "plan", new Value("pro"),
                "age", new Value(40),
                "beta", new Value(true),
                "signedUpAt", new Value(Instant.parse("2026-01-02T03:04:05Z")),
                "tags", new Value(List.of(new Value("a"), new Value(2))),
                "address", new Value(new ImmutableStructure(Map.of("city", new Value("Oslo"))))));
        assertThat(client.getBooleanValue("targeted", false, rich)).as("a string").isTrue();
        assertThat(client.getBooleanValue("adults", false, rich)).as("a number").isTrue();
        assertThat(client.getBooleanValue("beta", false, rich)).as("a boolean").isTrue();
        assertThat(client.getBooleanValue("early", false, rich)).as("a datetime").isTrue();
        assertThat(client.getBooleanValue("tagged", false, rich)).as("a list").isTrue();
        EvaluationContext plain = new ImmutableContext("u-2", Map.of("age", new Value(9)));
        for (String flag : List.of("targeted", "adults", "beta", "early", "tagged")) {
            assertThat(client.getBooleanValue(flag, true, plain)).as(flag + " without the field").isFalse();
        }
    }

    @Test
    void requirement_3_2_3_theMergedContextReachesTheProvider() {
        client.setEvaluationContext(new ImmutableContext(Map.of("plan", new Value("pro"))));
        try {
            assertThat(client.getBooleanDetails("targeted", false, new ImmutableContext("u-1")).getReason())
                    .as("the client's attribute with the invocation's key").isEqualTo("TARGETING_MATCH");
            assertThat(client.getBooleanValue("targeted", true, ProviderHarness.user("u-1", "free")))
                    .as("the invocation's attribute wins").isFalse();
        } finally {
            client.setEvaluationContext(null);
        }
    }

    @Test
    void multiKindContextsMayHaveKeylessParts() {
        EvaluationContext anonymousUserOfAnOrg = new ImmutableContext(Map.of(
                "kind", new Value("multi"),
                "user", new Value(new ImmutableStructure(Map.of("plan", new Value("pro")))),
                "organization", new Value(new ImmutableStructure(Map.of("targetingKey", new Value("org-7"))))));
        FlagEvaluationDetails<Boolean> byOrg = client.getBooleanDetails("by-org", true, anonymousUserOfAnOrg);
        assertThat(byOrg.getErrorCode()).as("the organization part has a key").isNull();
        assertThat(byOrg.getReason()).isEqualTo("SPLIT");
        assertThat(client.getBooleanValue("targeted", false, anonymousUserOfAnOrg)).as("the user part's plan")
                .isTrue();
        assertThat(client.getBooleanDetails("split", true, anonymousUserOfAnOrg).getErrorCode())
                .as("the user part has no key").isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
    }

    @Test
    void anUnusableContextIsInvalidOnlyWhereTheFlagNeedsIt() {
        EvaluationContext emptyKind = new ImmutableContext("u-1", Map.of("kind", new Value("")));
        FlagEvaluationDetails<Boolean> targeted = client.getBooleanDetails("targeted", true, emptyKind);
        assertThat(targeted.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
        assertThat(targeted.getErrorMessage())
                .isEqualTo("flag 'targeted': the evaluation context is unusable: invalid context kind: ''");
        assertThat(client.getBooleanDetails("disabled", true, emptyKind).getReason()).isEqualTo("DISABLED");
        assertThat(client.getBooleanDetails("nope", true, emptyKind).getErrorCode())
                .isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    }
}
