package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** What a rule or the fallthrough serves: exactly one of {@code variation} or {@code rollout}. */
final class ServeValidator {
    private static final Set<String> SERVE_FIELDS = Set.of("variation", "rollout");
    private static final Set<String> ROLLOUT_FIELDS = Set.of("bucketBy", "contextKind", "variations");
    private static final Set<String> WEIGHTED_FIELDS = Set.of("variation", "weight");

    private ServeValidator() {
    }

    /** {@code object.field} as a serve; {@code count}/{@code flagKey} describe the flag's variations. */
    static void serve(JsonNode object, String field, String path, ValidationRun run, int count, String flagKey) {
        String at = Paths.field(path, field);
        JsonNode node = object.get(field);
        if (JsonFields.isAbsent(node)) {
            JsonFields.missing(at, run.problems());
            return;
        }
        JsonNode serve = run.object(node, at, SERVE_FIELDS);
        if (serve == null) {
            return;
        }
        boolean hasVariation = !JsonFields.isAbsent(serve.get("variation"));
        boolean hasRollout = !JsonFields.isAbsent(serve.get("rollout"));
        if (hasVariation == hasRollout) {
            run.problems().add(at, hasVariation
                    ? "give either variation or rollout, not both"
                    : "give exactly one of variation (a fixed index) or rollout (weighted variations)");
            return;
        }
        if (hasVariation) {
            VariationIndex.check(serve, "variation", at, true, count, flagKey, run.problems());
        } else {
            rollout(serve.get("rollout"), Paths.field(at, "rollout"), run, count, flagKey);
        }
    }

    private static void rollout(JsonNode node, String path, ValidationRun run, int count, String flagKey) {
        JsonNode rollout = run.object(node, path, ROLLOUT_FIELDS);
        if (rollout == null) {
            return;
        }
        ProblemCollector problems = run.problems();
        String bucketBy = JsonFields.string(rollout, "bucketBy", path, false, problems);
        if (bucketBy != null && bucketBy.isBlank()) {
            problems.add(Paths.field(path, "bucketBy"), "must not be blank; omit it to bucket by the context key");
        }
        ContextKinds.optional(rollout, path, problems);
        weights(rollout, path, run, count, flagKey);
    }

    /** The weighted variations of a rollout: each weight 0..100000, summing to exactly 100000. */
    static void weights(JsonNode rollout, String path, ValidationRun run, int count, String flagKey) {
        ProblemCollector problems = run.problems();
        JsonNode variations = JsonFields.array(rollout, "variations", path, true, problems);
        if (variations == null) {
            return;
        }
        String at = Paths.field(path, "variations");
        if (variations.isEmpty()) {
            problems.add(at, "a rollout needs at least one weighted variation");
            return;
        }
        long sum = 0;
        boolean allWeightsKnown = true;
        for (int i = 0; i < variations.size(); i++) {
            String wPath = Paths.index(at, i);
            JsonNode weighted = run.object(variations.get(i), wPath, WEIGHTED_FIELDS);
            if (weighted == null) {
                allWeightsKnown = false;
                continue;
            }
            VariationIndex.check(weighted, "variation", wPath, true, count, flagKey, problems);
            Integer weight = JsonFields.integer(weighted, "weight", wPath, true, problems);
            if (weight == null) {
                allWeightsKnown = false;
            } else if (weight < 0 || weight > LimitRules.TOTAL_WEIGHT) {
                problems.add(Paths.field(wPath, "weight"), "weight " + weight + " must be between 0 and "
                        + LimitRules.TOTAL_WEIGHT + " (thousandths of a percent)");
                allWeightsKnown = false;
            } else {
                sum += weight;
            }
        }
        if (allWeightsKnown && sum != LimitRules.TOTAL_WEIGHT) {
            problems.add(at, "weights sum to " + sum + "; they must sum to " + LimitRules.TOTAL_WEIGHT
                    + " (100%, in thousandths of a percent)");
        }
    }
}
