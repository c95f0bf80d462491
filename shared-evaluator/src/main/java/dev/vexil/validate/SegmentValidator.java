package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A segment: key, name, description, included/excluded context keys, rules and salt. Segment rules may not use
 * {@code segmentMatch}: segments never refer to segments, so segment membership can never loop.
 */
final class SegmentValidator {
    static final Set<String> FIELDS = Set.of("key", "name", "description", "included", "excluded", "rules", "salt");
    private static final Set<String> RULE_FIELDS = Set.of("id", "clauses", "weight", "bucketBy", "contextKind");

    private SegmentValidator() {
    }

    static void validate(JsonNode body, String expectedKey, ValidationScope scope, ValidationRun run,
                         Set<String> allowed) {
        JsonNode segment = run.object(body, "", allowed);
        if (segment == null) {
            return;
        }
        ProblemCollector problems = run.problems();
        DefinitionValidator.checkKey(segment, expectedKey, "segment key", problems);
        String name = JsonFields.string(segment, "name", "", false, problems);
        if (name != null) {
            NameRules.length(name, "name", problems);
        }
        JsonFields.string(segment, "description", "", false, problems);
        JsonFields.string(segment, "salt", "", false, problems);
        keyLists(segment, problems);
        rules(segment, scope, run);
    }

    private static void keyLists(JsonNode segment, ProblemCollector problems) {
        List<String> included = JsonFields.strings(segment, "included", "", problems);
        List<String> excluded = JsonFields.strings(segment, "excluded", "", problems);
        LimitRules.atMost(included.size() + excluded.size(), LimitRules.MAX_SEGMENT_KEYS, "",
                "included and excluded keys together", problems);
        duplicates(segment.get("included"), "included", problems);
        duplicates(segment.get("excluded"), "excluded", problems);
        Set<String> excludedSet = new HashSet<>(excluded);
        JsonNode includedNode = segment.get("included");
        for (int i = 0; includedNode != null && includedNode.isArray() && i < includedNode.size(); i++) {
            JsonNode key = includedNode.get(i);
            if (key.isTextual() && excludedSet.contains(key.textValue())) {
                problems.add(Paths.index("included", i), "context key \"" + key.textValue()
                        + "\" is both included and excluded; excluded wins, so remove it from one list");
            }
        }
    }

    private static void duplicates(JsonNode array, String field, ProblemCollector problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; array != null && array.isArray() && i < array.size(); i++) {
            JsonNode key = array.get(i);
            if (key.isTextual()) {
                Integer earlier = seen.putIfAbsent(key.textValue(), i);
                if (earlier != null) {
                    problems.add(Paths.index(field, i), "context key \"" + key.textValue() + "\" is already listed at "
                            + field + "[" + earlier + "]");
                }
            }
        }
    }

    private static void rules(JsonNode segment, ValidationScope scope, ValidationRun run) {
        ProblemCollector problems = run.problems();
        JsonNode rules = JsonFields.array(segment, "rules", "", false, problems);
        if (rules == null) {
            return;
        }
        LimitRules.atMost(rules.size(), LimitRules.MAX_RULES, "rules", "rules", problems);
        ClauseValidator.Site site = new ClauseValidator.Site(scope.segmentKeys(), false);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            String path = Paths.index("rules", i);
            JsonNode rule = run.object(rules.get(i), path, RULE_FIELDS);
            if (rule == null) {
                continue;
            }
            RuleValidator.ruleId(rule, path, i, ids, problems);
            ClauseValidator.clauses(rule, path, run, site);
            Integer weight = JsonFields.integer(rule, "weight", path, false, problems);
            if (weight != null && (weight < 0 || weight > LimitRules.TOTAL_WEIGHT)) {
                problems.add(Paths.field(path, "weight"), "weight " + weight + " must be between 0 and "
                        + LimitRules.TOTAL_WEIGHT + " (thousandths of a percent of matching contexts)");
            }
            String bucketBy = JsonFields.string(rule, "bucketBy", path, false, problems);
            if (bucketBy != null && bucketBy.isBlank()) {
                problems.add(Paths.field(path, "bucketBy"), "must not be blank; omit it to bucket by the context key");
            }
            ContextKinds.optional(rule, path, problems);
        }
    }
}
