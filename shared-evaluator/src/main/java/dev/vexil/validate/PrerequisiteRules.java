package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.Flag;
import dev.vexil.model.Prerequisite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Prerequisites: existing flags of the environment, a variation in range, not the flag itself, no cycles. */
final class PrerequisiteRules {
    private static final Set<String> FIELDS = Set.of("flag", "variation");

    private PrerequisiteRules() {
    }

    /**
     * Checks the {@code prerequisites} of the configuration of {@code selfKey}. With {@code checkCycle} a cycle
     * through this flag is reported too (a whole snapshot checks cycles once, globally, instead).
     */
    static void prerequisites(JsonNode config, String selfKey, ValidationScope scope, ValidationRun run,
                              boolean checkCycle) {
        ProblemCollector problems = run.problems();
        JsonNode prerequisites = JsonFields.array(config, "prerequisites", "", false, problems);
        if (prerequisites == null) {
            return;
        }
        List<String> direct = new ArrayList<>();
        for (int i = 0; i < prerequisites.size(); i++) {
            String path = Paths.index("prerequisites", i);
            JsonNode prerequisite = run.object(prerequisites.get(i), path, FIELDS);
            if (prerequisite == null) {
                continue;
            }
            String flagPath = Paths.field(path, "flag");
            String key = JsonFields.string(prerequisite, "flag", path, true, problems);
            if (key == null || !KeyRules.check(flagPath, key, "prerequisite flag key", problems)) {
                JsonFields.integer(prerequisite, "variation", path, true, problems);
                continue;
            }
            if (key.equals(selfKey)) {
                problems.add(flagPath, "flag \"" + key + "\" cannot be its own prerequisite");
                continue;
            }
            if (direct.contains(key)) {
                problems.add(flagPath, "flag \"" + key + "\" is already a prerequisite at prerequisites["
                        + direct.indexOf(key) + "]; list each prerequisite once");
            }
            direct.add(key);
            Optional<Flag> other = scope.flag(key);
            if (other.isEmpty()) {
                problems.add(flagPath, "unknown flag \"" + key + "\"; a prerequisite must be a flag of this environment");
                JsonFields.integer(prerequisite, "variation", path, true, problems);
                continue;
            }
            VariationIndex.check(prerequisite, "variation", path, true, other.get().variations().size(), key,
                    problems);
        }
        if (checkCycle && selfKey != null) {
            List<String> cycle = PrerequisiteGraph.cycleThrough(selfKey, direct, k -> prerequisiteKeys(scope, k));
            if (!cycle.isEmpty()) {
                problems.add(Paths.field(Paths.index("prerequisites", direct.indexOf(cycle.get(1))), "flag"),
                        cycleMessage(cycle));
            }
        }
    }

    static String cycleMessage(List<String> cycle) {
        return "prerequisite cycle: " + String.join(" → ", cycle) + "; a flag cannot depend on itself";
    }

    private static List<String> prerequisiteKeys(ValidationScope scope, String key) {
        return scope.flag(key).map(f -> f.prerequisites().stream().map(Prerequisite::flag)
                .filter(java.util.Objects::nonNull).toList()).orElse(List.of());
    }
}
