package dev.vexil.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A flag's value for one context, the index of the variation served (-1 when none, e.g. on error), the reason,
 * and the version of the snapshot it came from. Pre-allocated at compile time; evaluation returns shared
 * instances and allocates nothing.
 */
public final class EvaluationResult {
    private final JsonNode value;
    private final int variationIndex;
    private final Reason reason;
    private final long snapshotVersion;

    public EvaluationResult(JsonNode value, int variationIndex, Reason reason, long snapshotVersion) {
        this.value = value;
        this.variationIndex = variationIndex;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.snapshotVersion = snapshotVersion;
    }

    /** An error result: no value, no variation; the caller serves its default. */
    public static EvaluationResult error(ErrorKind kind, String note, long snapshotVersion) {
        return new EvaluationResult(null, -1, Reason.error(kind, note), snapshotVersion);
    }

    /** The served value, or null on error (and when the flag is off with no offVariation). */
    public JsonNode value() {
        return value;
    }

    public int variationIndex() {
        return variationIndex;
    }

    public Reason reason() {
        return reason;
    }

    public long snapshotVersion() {
        return snapshotVersion;
    }

    public boolean isError() {
        return reason.kind() == ReasonKind.ERROR;
    }

    @Override
    public String toString() {
        return "EvaluationResult{value=" + value + ", variation=" + variationIndex + ", reason=" + reason
                + ", snapshotVersion=" + snapshotVersion + '}';
    }
}
