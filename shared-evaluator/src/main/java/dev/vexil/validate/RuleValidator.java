package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The ordered {@code rules} of a flag configuration: unique key-like ids, clauses, and what each serves. */
final class RuleValidator {
    private static final Set<String> FIELDS = Set.of("id", "description", "clauses", "serve");

    private RuleValidator() {
    }

    static void rules(JsonNode config, ValidationRun run, ValidationScope scope, int count, String flagKey) {
        ProblemCollector problems = run.problems();
        JsonNode rules = JsonFields.array(config, "rules", "", false, problems);
        if (rules == null) {
            return;
        }
        LimitRules.atMost(rules.size(), LimitRules.MAX_RULES, "rules", "rules", problems);
        ClauseValidator.Site site = new ClauseValidator.Site(scope.segmentKeys(), true);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            String path = Paths.index("rules", i);
            JsonNode rule = run.object(rules.get(i), path, FIELDS);
            if (rule == null) {
                continue;
            }
            ruleId(rule, path, i, ids, problems);
            JsonFields.string(rule, "description", path, false, problems);
            ClauseValidator.clauses(rule, path, run, site);
            ServeValidator.serve(rule, "serve", path, run, count, flagKey);
        }
    }

    /** A required, key-like id, unique among the rules of one flag or segment. */
    static void ruleId(JsonNode rule, String path, int index, Map<String, Integer> ids, ProblemCollector problems) {
        String id = JsonFields.string(rule, "id", path, true, problems);
        String idPath = Paths.field(path, "id");
        if (id != null && KeyRules.check(idPath, id, "rule id", problems)) {
            Integer earlier = ids.putIfAbsent(id, index);
            if (earlier != null) {
                problems.add(idPath, "rule id \"" + id + "\" is already used by rules[" + earlier
                        + "]; rule ids must be unique");
            }
        }
    }
}
