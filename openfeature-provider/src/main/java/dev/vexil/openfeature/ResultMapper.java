package dev.vexil.openfeature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.Reason;
import dev.vexil.sdk.EvaluationDetail;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps Vexil evaluation details to OpenFeature results: reasons, error codes, variants, metadata and values. */
final class ResultMapper {
    static final String SNAPSHOT_VERSION = "snapshotVersion";
    static final String REASON_NOTE = "reasonNote";
    static final String RULE_ID = "ruleId";

    private ResultMapper() {
    }

    static <T> ProviderEvaluation<T> toEvaluation(EvaluationDetail<T> detail) {
        Reason reason = detail.reason();
        ImmutableMetadata.ImmutableMetadataBuilder metadata = ImmutableMetadata.builder()
                .addLong(SNAPSHOT_VERSION, detail.snapshotVersion());
        if (reason.note() != null) {
            metadata.addString(REASON_NOTE, reason.note());
        }
        if (reason.ruleId() != null) {
            metadata.addString(RULE_ID, reason.ruleId());
        }
        ProviderEvaluation.ProviderEvaluationBuilder<T, ?, ?> result = ProviderEvaluation.<T>builder()
                .value(detail.value())
                .reason(reasonOf(reason))
                .flagMetadata(metadata.build());
        if (detail.isError()) {
            result.errorCode(errorCodeOf(reason.errorKind())).errorMessage(errorMessage(reason));
        } else {
            result.variant(variantOf(detail));
        }
        return result.build();
    }

    static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<T>builder().value(defaultValue)
                .reason(dev.openfeature.sdk.Reason.ERROR.name()).errorCode(code).errorMessage(message).build();
    }

    static String reasonOf(Reason reason) {
        dev.openfeature.sdk.Reason mapped = switch (reason.kind()) {
            case OFF -> dev.openfeature.sdk.Reason.DISABLED;
            case TARGET_MATCH -> dev.openfeature.sdk.Reason.TARGETING_MATCH;
            case RULE_MATCH -> reason.inRollout() ? dev.openfeature.sdk.Reason.SPLIT
                    : dev.openfeature.sdk.Reason.TARGETING_MATCH;
            case FALLTHROUGH -> reason.inRollout() ? dev.openfeature.sdk.Reason.SPLIT
                    : dev.openfeature.sdk.Reason.STATIC;
            // The off variation, served because a prerequisite did not serve what this flag needs.
            case PREREQUISITE_FAILED -> dev.openfeature.sdk.Reason.DEFAULT;
            case ERROR -> dev.openfeature.sdk.Reason.ERROR;
        };
        return mapped.name();
    }

    static ErrorCode errorCodeOf(ErrorKind kind) {
        return switch (kind) {
            case FLAG_NOT_FOUND -> ErrorCode.FLAG_NOT_FOUND;
            case WRONG_TYPE -> ErrorCode.TYPE_MISMATCH;
            case NOT_READY -> ErrorCode.PROVIDER_NOT_READY;
            case INVALID_CONTEXT -> ErrorCode.INVALID_CONTEXT;
            case MALFORMED_FLAG, EXCEPTION -> ErrorCode.GENERAL;
        };
    }

    private static String errorMessage(Reason reason) {
        return reason.note() != null ? reason.note() : reason.errorKind().name();
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
