package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.Flag;
import dev.vexil.model.Prerequisite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Prerequisites: existing flags of the environment, a variation in range, not the flag itself, no cycles. */
final class PrerequisiteRules {
    private static final Set<String> FIELDS = Set.of("flag", "variation");

    private PrerequisiteRules() {
    }

    /**
     * Checks the {@code prerequisites} of the configuration of {@code selfKey}. With {@code cycleOnceAtSmallestKey}
     * (a whole-snapshot check) a cycle is reported only by its member with the smallest key, so once per cycle.
     */
    static void prerequisites(JsonNode config, String selfKey, ValidationScope scope, ValidationRun run,
                              boolean cycleOnceAtSmallestKey) {
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
        List<String> cycle = cycleThrough(selfKey, direct, scope);
        if (!cycle.isEmpty() && (!cycleOnceAtSmallestKey || selfKey.equals(Collections.min(cycle)))) {
            problems.add(Paths.field(Paths.index("prerequisites", direct.indexOf(cycle.get(1))), "flag"),
                    "prerequisite cycle: " + String.join(" → ", cycle) + "; a flag cannot depend on itself");
        }
    }

    /**
     * A path {@code self → … → self} through prerequisites, or an empty list. {@code self}'s own prerequisites are
     * {@code direct} (the configuration being validated), everyone else's come from {@code scope}.
     */
    static List<String> cycleThrough(String self, List<String> direct, ValidationScope scope) {
        List<String> path = new ArrayList<>();
        path.add(self);
        Set<String> visited = new HashSet<>();
        for (String next : direct) {
            if (search(next, self, scope, path, visited)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean search(String current, String self, ValidationScope scope, List<String> path,
                                  Set<String> visited) {
        path.add(current);
        if (current.equals(self)) {
            return true;
        }
        if (visited.add(current)) {
            for (Prerequisite p : scope.flag(current).map(Flag::prerequisites).orElse(List.of())) {
                if (p.flag() != null && search(p.flag(), self, scope, path, visited)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }
}
