package dev.vexil.openfeature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Telemetry;
import dev.openfeature.sdk.Value;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.Reason;
import dev.vexil.eval.ReasonKind;
import dev.vexil.sdk.EvaluationDetail;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps Vexil evaluation details to OpenFeature results. Reasons and error codes come from the SDK's own table
 * ({@link EvaluationDetail#openFeatureReason()}, {@link EvaluationDetail#openFeatureErrorCode()}), so that the SDK
 * and the provider always agree; this class adds the variant, the flag metadata and the caller's default.
 */
final class ResultMapper {
    /** Every result once a snapshot is loaded, errors included. */
    static final String SNAPSHOT_VERSION = "snapshotVersion";
    /**
     * The same snapshot version as text, under the key the OpenFeature SDK's telemetry reads for
     * {@code feature_flag.version} ({@link Telemetry#TELEMETRY_FLAG_META_VERSION}), so that OpenTelemetry hooks
     * (the contrib hook or {@code dev.vexil.openfeature.otel.EvaluationEventHook}) report it.
     */
    static final String VERSION = Telemetry.TELEMETRY_FLAG_META_VERSION;
    /** Rule matches: the matching rule's id (when it has one) and 0-based index. */
    static final String RULE_ID = "ruleId";
    static final String RULE_INDEX = "ruleIndex";
    /** {@code PREREQUISITE_FAILED}: the prerequisite flag that failed. */
    static final String PREREQUISITE_KEY = "prerequisiteKey";
    /** Whatever the reason's note says (kill list, stale, compile remarks, the error's message). */
    static final String REASON_NOTE = "reasonNote";

    private ResultMapper() {
    }

    /**
     * The OpenFeature result of one evaluation. On error the value is the caller's own default (even a null one),
     * and {@code contextProblem}, when the context could not be mapped, replaces the message of an
     * {@code INVALID_CONTEXT} error with the reason.
     */
    static <T> ProviderEvaluation<T> toEvaluation(String flagKey, EvaluationDetail<T> detail, T defaultValue,
                                                  String contextProblem) {
        ProviderEvaluation.ProviderEvaluationBuilder<T, ?, ?> result = ProviderEvaluation.<T>builder()
                .reason(detail.openFeatureReason())
                .flagMetadata(metadataOf(detail));
        if (!detail.isError()) {
            return result.value(detail.value()).variant(variantOf(detail)).build();
        }
        String message = detail.errorKind() == ErrorKind.INVALID_CONTEXT && contextProblem != null
                ? "flag '" + flagKey + "': the evaluation context is unusable: " + contextProblem
                : detail.errorMessage();
        return result.value(defaultValue).errorCode(ErrorCode.valueOf(detail.openFeatureErrorCode()))
                .errorMessage(message).build();
    }

    private static ImmutableMetadata metadataOf(EvaluationDetail<?> detail) {
        ImmutableMetadata.ImmutableMetadataBuilder metadata = ImmutableMetadata.builder();
        if (detail.snapshotVersion() >= 0) {
            metadata.addLong(SNAPSHOT_VERSION, detail.snapshotVersion());
            metadata.addString(VERSION, Long.toString(detail.snapshotVersion()));
        }
        Reason reason = detail.reason();
        if (reason.kind() == ReasonKind.RULE_MATCH) {
            metadata.addInteger(RULE_INDEX, reason.ruleIndex());
            if (reason.ruleId() != null) {
                metadata.addString(RULE_ID, reason.ruleId());
            }
        }
        if (reason.prerequisiteKey() != null) {
            metadata.addString(PREREQUISITE_KEY, reason.prerequisiteKey());
        }
        if (reason.note() != null) {
            metadata.addString(REASON_NOTE, reason.note());
        }
        return metadata.build();
    }

    /** The variation's name when the flag gives one, else its index. */
    private static String variantOf(EvaluationDetail<?> detail) {
        if (detail.variationName() != null) {
            return detail.variationName();
        }
        return detail.variationIndex() >= 0 ? Integer.toString(detail.variationIndex()) : null;
    }

    static Value toValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Value();
        }
        if (node.isBoolean()) {
            return new Value(node.booleanValue());
        }
        if (node.isTextual()) {
            return new Value(node.textValue());
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? new Value(node.intValue())
                    : node.canConvertToLong() ? new Value(node.longValue()) : new Value(node.doubleValue());
        }
        if (node.isNumber()) {
            return new Value(node.doubleValue());
        }
        if (node.isArray()) {
            List<Value> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toValue(element)));
            return new Value(list);
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), toValue(e.getValue())));
        return new Value(new ImmutableStructure(fields));
    }
}
