package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.StalenessPolicy;
import java.util.Set;

/** One environment's configuration of a flag (PUT .../environments/{env}/flags/{flag}). */
final class FlagConfigValidator {
    static final Set<String> FIELDS = Set.of("on", "offVariation", "salt", "targets", "prerequisites", "rules",
            "fallthrough", "staleness");
    private static final Set<String> STALENESS_FIELDS = Set.of("maxAgeSeconds", "onStale");

    private FlagConfigValidator() {
    }

    /**
     * {@code allowed} is the set of permitted members ({@link #FIELDS} for an admin body, more for a snapshot
     * flag); {@code checkCycle} as in {@link PrerequisiteRules}.
     */
    static void validate(JsonNode body, String flagKey, int variationCount, ValidationScope scope,
                         ValidationRun run, Set<String> allowed, boolean checkCycle) {
        JsonNode config = run.object(body, "", allowed);
        if (config == null) {
            return;
        }
        ProblemCollector problems = run.problems();
        JsonFields.bool(config, "on", "", true, problems);
        VariationIndex.check(config, "offVariation", "", false, variationCount, flagKey, problems);
        JsonFields.string(config, "salt", "", false, problems);
        TargetRules.targets(config, run, variationCount, flagKey);
        PrerequisiteRules.prerequisites(config, flagKey, scope, run, checkCycle);
        RuleValidator.rules(config, run, scope, variationCount, flagKey);
        ServeValidator.serve(config, "fallthrough", "", run, variationCount, flagKey);
        staleness(config, run);
    }

    private static void staleness(JsonNode config, ValidationRun run) {
        JsonNode node = config.get("staleness");
        if (JsonFields.isAbsent(node)) {
            return;
        }
        JsonNode staleness = run.object(node, "staleness", STALENESS_FIELDS);
        if (staleness == null) {
            return;
        }
        ProblemCollector problems = run.problems();
        Long maxAge = JsonFields.longValue(staleness, "maxAgeSeconds", "staleness", true, problems);
        if (maxAge != null && maxAge <= 0) {
            problems.add("staleness.maxAgeSeconds", "must be greater than 0 seconds, got " + maxAge);
        }
        String onStale = JsonFields.string(staleness, "onStale", "staleness", true, problems);
        if (onStale != null && !StalenessPolicy.SERVE_LAST_KNOWN.equals(onStale)
                && !StalenessPolicy.SERVE_OFF.equals(onStale)) {
            problems.add("staleness.onStale", "unknown value \"" + onStale + "\"; use "
                    + StalenessPolicy.SERVE_LAST_KNOWN + " or " + StalenessPolicy.SERVE_OFF);
        }
    }
}
