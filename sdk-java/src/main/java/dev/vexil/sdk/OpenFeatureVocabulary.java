package dev.vexil.sdk;

import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.Reason;

/**
 * Vexil reasons and error kinds in OpenFeature's words: the one table behind {@link EvaluationDetail}'s
 * {@code openFeature...} methods and the OpenFeature provider, so that both always say the same.
 */
final class OpenFeatureVocabulary {
    /** OpenFeature allows provider-specific reasons; this one says the off variation came from a prerequisite. */
    static final String PREREQUISITE_FAILED = "PREREQUISITE_FAILED";

    private OpenFeatureVocabulary() {
    }

    static String reason(Reason reason) {
        return switch (reason.kind()) {
            case OFF -> "DISABLED";
            case TARGET_MATCH -> "TARGETING_MATCH";
            case RULE_MATCH -> reason.inRollout() ? "SPLIT" : "TARGETING_MATCH";
            // STATIC promises that no context can change the value: some caches keep only those results.
            case FALLTHROUGH -> reason.inRollout() ? "SPLIT" : reason.isStatic() ? "STATIC" : "DEFAULT";
            case PREREQUISITE_FAILED -> PREREQUISITE_FAILED;
            case ERROR -> "ERROR";
        };
    }

    static String errorCode(ErrorKind kind) {
        return switch (kind) {
            case NOT_READY -> "PROVIDER_NOT_READY";
            case FLAG_NOT_FOUND -> "FLAG_NOT_FOUND";
            case WRONG_TYPE -> "TYPE_MISMATCH";
            case INVALID_CONTEXT -> "INVALID_CONTEXT";
            case TARGETING_KEY_MISSING -> "TARGETING_KEY_MISSING";
            case MALFORMED_FLAG -> "PARSE_ERROR";
            case EXCEPTION -> "GENERAL";
        };
    }
}
