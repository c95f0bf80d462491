package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.snapshot.JsonTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Individual targets: each context key (per context kind) in at most one target, ≤ 10,000 keys in all. */
final class TargetRules {
    private static final Set<String> FIELDS = Set.of("variation", "keys", "contextKind");

    private TargetRules() {
    }

    static void targets(JsonNode config, ValidationRun run, int count, String flagKey) {
        ProblemCollector problems = run.problems();
        JsonNode targets = JsonFields.array(config, "targets", "", false, problems);
        if (targets == null) {
            return;
        }
        Map<String, String> firstSeen = new HashMap<>(); // kind + NUL + key -> path of its first listing
        int total = 0;
        for (int i = 0; i < targets.size(); i++) {
            String path = Paths.index("targets", i);
            JsonNode target = run.object(targets.get(i), path, FIELDS);
            if (target == null) {
                continue;
            }
            VariationIndex.check(target, "variation", path, true, count, flagKey, problems);
            ContextKinds.optional(target, path, problems);
            JsonNode kindNode = target.get("contextKind");
            String kind = kindNode != null && kindNode.isTextual() ? kindNode.textValue() : "user";
            JsonNode keys = JsonFields.array(target, "keys", path, true, problems);
            if (keys == null) {
                continue;
            }
            total += keys.size();
            for (int k = 0; k < keys.size(); k++) {
                String keyPath = Paths.index(Paths.field(path, "keys"), k);
                JsonNode key = keys.get(k);
                if (!key.isTextual() || key.textValue().isEmpty()) {
                    problems.add(keyPath, "expected a non-empty context key string, got " + JsonTypes.describe(key));
                    continue;
                }
                String earlier = firstSeen.putIfAbsent(kind + '\0' + key.textValue(), keyPath);
                if (earlier != null) {
                    problems.add(keyPath, "context key \"" + key.textValue() + "\" is already targeted at "
                            + earlier + "; a key may be listed only once");
                }
            }
        }
        LimitRules.atMost(total, LimitRules.MAX_TARGET_KEYS, "targets", "target keys (use a segment instead)",
                problems);
    }
}
