package dev.vexil.sdk;

import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.Reason;
import dev.vexil.eval.ReasonKind;

/**
 * The result of a {@code ...VariationDetail} call: the value served (the caller's default on error), the index of the
 * variation served ({@code -1} when none), its name if the flag gives one, why it was served, and the version of the
 * snapshot it came from ({@code -1} when no snapshot is loaded). Value and reason always come from one snapshot.
 */
public record EvaluationDetail<T>(T value, int variationIndex, String variationName, Reason reason,
                                  long snapshotVersion) {

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
}
