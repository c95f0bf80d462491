package dev.vexil.sdk;

import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.Reason;
import dev.vexil.eval.ReasonKind;

/**
 * The result of a {@code ...VariationDetail} call: the value served (the caller's default on error), the index of the
 * variation served ({@code -1} when none), its name if the flag gives one, why it was served, and the version of the
 * snapshot it came from ({@code -1} when no snapshot is loaded). Value and reason always come from one snapshot.
 *
 * <p>{@link #openFeatureReason()}, {@link #openFeatureErrorCode()} and {@link #errorMessage()} give the same
 * result in OpenFeature's words, exactly as the Vexil OpenFeature provider reports it (see the mapping table in
 * {@code sdk-java/README.md}).
 *
 * @param value           the value served, or the caller's default
 * @param variationIndex  the index of the variation served, {@code -1} when the default was served
 * @param variationName   the variation's name, null when the flag gives none or the default was served
 * @param reason          why this value was served; for an error, its note names the flag and says what went wrong
 * @param snapshotVersion the version of the snapshot that answered, {@code -1} when none is loaded
 * @param <T>             the type asked for
 */
public record EvaluationDetail<T>(T value, int variationIndex, String variationName, Reason reason,
                                  long snapshotVersion) {

    /** True when the reason is {@code ERROR}: the caller's default was served because something went wrong. */
    public boolean isError() {
        return reason.kind() == ReasonKind.ERROR;
    }

    /** The error kind for an {@code ERROR} reason, else null. */
    public ErrorKind errorKind() {
        return reason.errorKind();
    }

    /** True when the value came from the caller's default rather than from a variation. */
    public boolean isDefaultValue() {
        return variationIndex < 0;
    }

    /**
     * The reason in OpenFeature's words: {@code STATIC} (the value cannot depend on the context), {@code DEFAULT}
     * (a fixed fallthrough after targeting did not match), {@code TARGETING_MATCH} (a target or rule matched),
     * {@code SPLIT} (a percentage rollout decided), {@code DISABLED} (off, kill list or staleness policy),
     * {@code PREREQUISITE_FAILED} (the off variation, because a prerequisite failed) or {@code ERROR}.
     */
    public String openFeatureReason() {
        return OpenFeatureVocabulary.reason(reason);
    }

    /**
     * The OpenFeature error code of an error ({@code PROVIDER_NOT_READY}, {@code FLAG_NOT_FOUND},
     * {@code TYPE_MISMATCH}, {@code INVALID_CONTEXT}, {@code TARGETING_KEY_MISSING}, {@code PARSE_ERROR} or
     * {@code GENERAL}), else null.
     */
    public String openFeatureErrorCode() {
        return isError() ? OpenFeatureVocabulary.errorCode(reason.errorKind()) : null;
    }

    /** For an error, a message that names the flag and says what went wrong; else null. */
    public String errorMessage() {
        return isError() ? reason.note() : null;
    }
}
