package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.EvaluationResult;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluations that explain themselves: {@code ...VariationDetail} and {@code allFlags}. Each works on the one
 * {@link EnvironmentHolder} it is given, so that value, reason and version come from one snapshot. (The plain
 * variations stay in {@link VexilClient}: one volatile read and the evaluator, small enough to inline.)
 */
final class DetailEvaluator {
    private static final long NO_VERSION = -1;

    private final EvaluationFailures failures = new EvaluationFailures();

    /**
     * The checks run in OpenFeature's order, so that no problem hides an earlier one: no snapshot, then an unknown
     * flag, then a flag type that cannot serve the requested type, then the evaluation itself (where an off flag is
     * served before the context is looked at). Every error note names the flag.
     *
     * @param h the data to evaluate, null before the first snapshot
     */
    <T> EvaluationDetail<T> detail(EnvironmentHolder h, String flagKey, Context context, T defaultValue,
                                   RequestedType<T> type) {
        EvaluationDetail<T> detail = explain(h, flagKey, context, defaultValue, type);
        if (h != null) { // evaluation metrics count what the caller got
            h.counters.count(h.environment.flagIndex(flagKey), detail.variationIndex(), detail.reason().kind());
        }
        return detail;
    }

    private <T> EvaluationDetail<T> explain(EnvironmentHolder h, String flagKey, Context context, T defaultValue,
                                            RequestedType<T> type) {
        if (h == null) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.notReady(flagKey), NO_VERSION);
        }
        if (flagKey == null || !h.environment.hasFlag(flagKey)) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.flagNotFound(flagKey, h.version),
                    h.version);
        }
        if (!type.canBeServedBy(h.environment.flagType(flagKey))) {
            return new EvaluationDetail<>(defaultValue, -1, null,
                    ErrorReasons.declaredTypeMismatch(flagKey, h.environment.flagType(flagKey), type), h.version);
        }
        EvaluationResult r = evaluate(h, flagKey, context);
        if (r.isError()) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.naming(flagKey, r.reason()),
                    r.snapshotVersion());
        }
        JsonNode v = r.value();
        if (v == null) {
            return new EvaluationDetail<>(defaultValue, -1, null, r.reason(), r.snapshotVersion());
        }
        if (!type.accepts(v)) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.servedTypeMismatch(flagKey, v, type),
                    r.snapshotVersion());
        }
        return new EvaluationDetail<>(type.read(v), r.variationIndex(),
                h.variationName(flagKey, r.variationIndex()), r.reason(), r.snapshotVersion());
    }

    /**
     * Every flag's value for this context, keyed by flag key (sorted); errors and flags with no value are left
     * out. Empty before the first snapshot or for a null context.
     */
    Map<String, JsonNode> allFlags(EnvironmentHolder h, Context context) {
        if (h == null || context == null) {
            return Map.of();
        }
        Map<String, JsonNode> values = new TreeMap<>();
        for (String key : h.environment.flagKeys()) {
            EvaluationResult r = evaluate(h, key, context);
            if (!r.isError() && r.value() != null) {
                values.put(key, r.value().deepCopy());
            }
        }
        return Collections.unmodifiableMap(values);
    }

    private EvaluationResult evaluate(EnvironmentHolder h, String flagKey, Context context) {
        try {
            return h.environment.evaluate(flagKey, context);
        } catch (RuntimeException | StackOverflowError e) {
            failures.record(flagKey, e);
            return EvaluationResult.error(ErrorKind.EXCEPTION, String.valueOf(e), h.version);
        }
    }
}
