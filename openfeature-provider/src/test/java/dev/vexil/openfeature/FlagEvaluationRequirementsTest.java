package dev.vexil.openfeature;

import static dev.vexil.openfeature.ProviderHarness.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenFeature specification, sections 1.4 (detailed evaluation), 2.1-2.3 (provider interface, resolution), in the
 * version the OpenFeature Java SDK 1.22.0 implements (open-feature/spec at e33a15e). Each test is named after the
 * requirement it checks.
 */
class FlagEvaluationRequirementsTest {
    @RegisterExtension
    final ProviderHarness harness = new ProviderHarness();
    private VexilProvider provider;
    private Client client;

    @BeforeEach
    void setUp() {
        client = harness.start();
        provider = (VexilProvider) OpenFeatureAPI.getInstance().getProvider(harness.domain);
    }

    @Test
    void requirement_2_1_1_metadataNamesTheProvider() {
        assertThat(provider.getMetadata().getName()).isEqualTo("vexil");
        assertThat(OpenFeatureAPI.getInstance().getProviderMetadata(harness.domain).getName()).isEqualTo("vexil");
    }

    @Test
    void requirement_2_2_1_resolutionTakesAFlagKeyADefaultAndAnOptionalContext() {
        assertThat(provider.getBooleanEvaluation("static", false, null).getValue()).as("no context at all").isTrue();
        assertThat(provider.getBooleanEvaluation("static", false, new ImmutableContext()).getValue()).isTrue();
        assertThat(client.getBooleanValue("static", false)).isTrue();
        assertThat(client.getBooleanValue("targeted", false, user("vip", "free"))).isTrue();
    }

    @Test
    void requirement_2_2_2_1_resolutionIsTypedForBooleansNumbersStringsAndStructures() {
        assertThat(client.getBooleanValue("static", false)).isTrue();
        assertThat(client.getStringValue("theme", "none")).isEqualTo("dark");
        assertThat(client.getIntegerValue("retries", 0)).isEqualTo(3);
        assertThat(client.getDoubleValue("ratio", 0.0)).isEqualTo(1.5);
        Value config = client.getObjectValue("config", new Value());
        assertThat(config.asStructure().getValue("rps").asInteger()).isEqualTo(100);
        assertThat(config.asStructure().getValue("regions").asList()).extracting(Value::asString)
                .containsExactly("eu", "us");
    }

    @Test
    void requirement_2_2_3_normalExecutionReturnsTheResolvedValue() {
        assertThat(provider.getBooleanEvaluation("targeted", true, user("u", "free")).getValue()).isFalse();
        assertThat(provider.getStringEvaluation("theme", "none", user("u", "free")).getValue()).isEqualTo("dark");
        assertThat(provider.getStringEvaluation("label", "none", user("u", "free")).getValue())
                .as("a json flag serving a string").isEqualTo("hello");
    }

    @Test
    void requirement_2_2_4_theVariantIsTheVariationNameElseItsIndex() {
        assertThat(provider.getBooleanEvaluation("static", false, null).getVariant()).isEqualTo("on");
        assertThat(provider.getStringEvaluation("theme", "none", null).getVariant()).isEqualTo("name-dark");
        assertThat(provider.getIntegerEvaluation("retries", 0, null).getVariant()).as("unnamed").isEqualTo("0");
        assertThat(provider.getBooleanEvaluation("nope", false, null).getVariant()).as("error").isNull();
    }

    @Test
    void requirement_2_2_5_theReasonSaysWhyTheValueWasServed() {
        assertThat(provider.getBooleanEvaluation("static", false, null).getReason()).isEqualTo("STATIC");
        assertThat(provider.getBooleanEvaluation("targeted", false, user("vip", "free")).getReason())
                .isEqualTo("TARGETING_MATCH");
        assertThat(provider.getBooleanEvaluation("nope", false, null).getReason()).isEqualTo("ERROR");
    }

    @Test
    void requirement_2_2_6_normalExecutionHasNoErrorCode() {
        for (String flag : List.of("static", "disabled", "targeted", "split", "child")) {
            assertThat(provider.getBooleanEvaluation(flag, false, user("u", "pro")).getErrorCode()).as(flag).isNull();
        }
    }

    @Test
    void requirement_2_2_7_abnormalExecutionCarriesAnErrorCode() {
        ProviderEvaluation<Boolean> missing = provider.getBooleanEvaluation("nope", true, user("u", "pro"));
        assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(missing.getValue()).as("the caller's default").isTrue();
        assertThat(provider.getStringEvaluation("static", "d", null).getErrorCode())
                .isEqualTo(ErrorCode.TYPE_MISMATCH);
    }

    @Test
    void requirement_2_2_8_1_resolutionDetailsCarryTheRequestedType() {
        ProviderEvaluation<Integer> retries = provider.getIntegerEvaluation("retries", 0, null);
        assertThat(retries.getValue()).isInstanceOf(Integer.class).isEqualTo(3);
        ProviderEvaluation<Double> ratio = provider.getDoubleEvaluation("ratio", 0.0, null);
        assertThat(ratio.getValue()).isInstanceOf(Double.class).isEqualTo(1.5);
    }

    @Test
    void requirement_2_2_9_flagMetadataIsPopulated() {
        ImmutableMetadata rule = provider.getBooleanEvaluation("targeted", false, user("u", "pro")).getFlagMetadata();
        assertThat(rule.getLong("snapshotVersion")).isEqualTo(3L);
        assertThat(rule.getString("ruleId")).isEqualTo("pro-users");
        assertThat(rule.getInteger("ruleIndex")).isZero();
        ImmutableMetadata error = provider.getBooleanEvaluation("nope", false, null).getFlagMetadata();
        assertThat(error.getLong("snapshotVersion")).as("errors too").isEqualTo(3L);
    }

    @Test
    void requirement_2_2_10_flagMetadataValuesAreBooleansStringsOrNumbers() {
        for (String flag : List.of("static", "disabled", "targeted", "split", "child", "broken", "nope", "by-org")) {
            ImmutableMetadata metadata = provider.getBooleanEvaluation(flag, false, user("u", "pro"))
                    .getFlagMetadata();
            assertThat(metadata.asUnmodifiableMap().values()).as(flag)
                    .allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean);
        }
    }

    @Test
    void requirement_2_3_2_normalExecutionHasNoErrorMessage() {
        for (String flag : List.of("static", "disabled", "targeted", "split", "child")) {
            assertThat(provider.getBooleanEvaluation(flag, false, user("u", "pro")).getErrorMessage()).as(flag)
                    .isNull();
        }
    }

    @Test
    void requirement_2_3_3_abnormalExecutionHasAnErrorMessage() {
        assertThat(provider.getBooleanEvaluation("nope", false, null).getErrorMessage())
                .isEqualTo("flag 'nope' not found in snapshot version 3");
    }

    @Test
    void requirement_1_4_3_theDetailsCarryTheEvaluatedValue() {
        assertThat(client.getBooleanDetails("targeted", false, user("u", "pro")).getValue()).isTrue();
        assertThat(client.getIntegerDetails("ratio", 0).getValue()).as("1.5 truncated, as flagd does")
                .isEqualTo(1);
    }

    @Test
    void requirement_1_4_6_theDetailsCarryTheVariant() {
        assertThat(client.getBooleanDetails("targeted", true, user("u", "free")).getVariant()).isEqualTo("off");
    }

    @Test
    void requirement_1_4_7_theDetailsCarryTheReason() {
        assertThat(client.getBooleanDetails("split", false, user("u", "free")).getReason())
                .isEqualTo(Reason.SPLIT.name());
    }

    @Test
    void requirement_1_4_8_abnormalExecutionDetailsCarryAnErrorCode() {
        assertThat(client.getIntegerDetails("huge", 7).getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    }

    @Test
    void requirement_1_4_9_abnormalExecutionDetailsHaveReasonError() {
        assertThat(client.getBooleanDetails("broken", false).getReason()).isEqualTo(Reason.ERROR.name());
    }

    @Test
    void requirement_1_4_10_abnormalExecutionReturnsTheDefault() {
        assertThat(client.getBooleanValue("nope", true)).isTrue();
        assertThat(client.getStringValue("static", "fallback")).isEqualTo("fallback");
        assertThat(client.getBooleanValue("split", true, new ImmutableContext())).isTrue();
        assertThat(client.getObjectValue("broken", new Value("d")).asString()).isEqualTo("d");
    }

    @Test
    void requirement_1_4_13_abnormalExecutionDetailsCarryTheErrorMessage() {
        FlagEvaluationDetails<Boolean> broken = client.getBooleanDetails("broken", false);
        assertThat(broken.getErrorMessage())
                .isEqualTo("flag 'broken' is malformed: fallthrough.variation: 7 is not a variation index");
    }

    @Test
    void requirement_1_4_14_theDetailsCarryTheProvidersFlagMetadata() {
        FlagEvaluationDetails<Boolean> child = client.getBooleanDetails("child", true);
        assertThat(child.getFlagMetadata().getString("prerequisiteKey")).isEqualTo("disabled");
        assertThat(child.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);
    }
}
