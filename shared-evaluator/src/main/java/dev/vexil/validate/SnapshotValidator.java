package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.Flag;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole snapshot document: the envelope, every flag (its definition fields and its configuration), every segment,
 * and the references between them. Unknown fields are allowed at every level (forward compatibility); problems
 * inside a flag or segment are prefixed {@code flags[i]} / {@code segments[i]} and name its key.
 */
final class SnapshotValidator {
    private static final Set<String> FLAG_FIELDS = union(FlagConfigValidator.FIELDS,
            Set.of("key", "type", "variations", "version"));
    private static final Set<String> SEGMENT_FIELDS = union(SegmentValidator.FIELDS, Set.of("version"));

    private SnapshotValidator() {
    }

    static List<Problem> validate(JsonNode document, Validator.Mode mode) {
        ProblemCollector problems = new ProblemCollector();
        ValidationRun run = new ValidationRun(problems, mode, false);
        LimitRules.reportNonFiniteNumbers(document, problems);
        JsonNode snapshot = run.object(document, "", Set.of());
        if (snapshot == null) {
            return problems.problems();
        }
        envelope(snapshot, problems);
        JsonNode segments = JsonFields.array(snapshot, "segments", "", true, problems);
        JsonNode flags = JsonFields.array(snapshot, "flags", "", true, problems);
        List<String> segmentKeys = sortedUniqueKeys(segments, "segments", "segment", mode, problems);
        List<String> flagKeys = sortedUniqueKeys(flags, "flags", "flag", mode, problems);
        Set<String> marked = MalformedFlagRules.markedKeys(snapshot, Set.copyOf(flagKeys), mode, problems);
        ValidationScope scope = scopeOf(flags, segmentKeys);
        for (int i = 0; segments != null && i < segments.size(); i++) {
            ProblemCollector own = new ProblemCollector();
            JsonNode segment = segments.get(i);
            SegmentValidator.validate(segment, null, scope, new ValidationRun(own, mode, false), SEGMENT_FIELDS);
            if (segment.isObject()) {
                LimitRules.canonicalSize(segment, "", "segment", own);
            }
            reRoot(own, Paths.index("segments", i), "segment", segment, problems);
        }
        List<List<String>> cycles = PrerequisiteGraph.cycles(graphOf(flags));
        for (int i = 0; flags != null && i < flags.size(); i++) {
            ProblemCollector own = new ProblemCollector();
            flag(flags.get(i), scope, new ValidationRun(own, mode, false));
            cyclesStartingAt(flags.get(i), cycles, own);
            if (!marked.contains(flags.get(i).path("key").asText(null))) {
                reRoot(own, Paths.index("flags", i), "flag", flags.get(i), problems);
            }
        }
        return problems.problems();
    }

    private static void envelope(JsonNode snapshot, ProblemCollector problems) {
        Integer schemaVersion = JsonFields.integer(snapshot, "schemaVersion", "", true, problems);
        if (schemaVersion != null && schemaVersion != Snapshot.CURRENT_SCHEMA_VERSION) {
            problems.add("schemaVersion", "unsupported schemaVersion " + schemaVersion + "; this validator supports "
                    + Snapshot.CURRENT_SCHEMA_VERSION);
        }
        String project = JsonFields.string(snapshot, "project", "", false, problems);
        if (project != null) {
            KeyRules.check("project", project, "project key", problems);
        }
        String environment = JsonFields.string(snapshot, "environment", "", true, problems);
        if (environment != null) {
            KeyRules.check("environment", environment, "environment key", problems);
        }
        Long version = JsonFields.longValue(snapshot, "version", "", true, problems);
        if (version != null && version < 0) {
            problems.add("version", "must be 0 or greater, got " + version);
        }
        String generatedAt = JsonFields.string(snapshot, "generatedAt", "", true, problems);
        if (generatedAt != null && !isOffsetDateTime(generatedAt)) {
            problems.add("generatedAt", "\"" + generatedAt + "\" is not an ISO-8601 date-time with an offset, "
                    + "e.g. 2026-12-01T19:00:00Z");
        }
    }

    private static boolean isOffsetDateTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void flag(JsonNode node, ValidationScope scope, ValidationRun run) {
        JsonNode flag = run.object(node, "", FLAG_FIELDS);
        if (flag == null) {
            return;
        }
        String key = JsonFields.string(flag, "key", "", true, run.problems());
        if (key != null) {
            KeyRules.check("key", key, "flag key", run.problems());
        }
        Long version = JsonFields.longValue(flag, "version", "", false, run.problems());
        if (version != null && version < 0) {
            run.problems().add("version", "must be 0 or greater, got " + version);
        }
        VariationRules.variations(flag, "", VariationRules.type(flag, "", run), run);
        JsonNode variations = flag.get("variations");
        int count = variations != null && variations.isArray() ? variations.size() : 0;
        FlagConfigValidator.validate(flag, key, count, scope, run, FLAG_FIELDS, false);
        LimitRules.canonicalSize(flag, FlagConfigValidator.FIELDS, "", "flag configuration", run.problems());
    }

    /**
     * Reports the cycles that start at {@code flag} (each cycle starts at its smallest key, so it is reported once),
     * at the prerequisite that leads into it.
     */
    private static void cyclesStartingAt(JsonNode flag, List<List<String>> cycles, ProblemCollector own) {
        String key = flag.path("key").asText(null);
        for (List<String> cycle : cycles) {
            if (cycle.get(0).equals(key)) {
                JsonNode prerequisites = flag.path("prerequisites");
                for (int j = 0; j < prerequisites.size(); j++) {
                    if (cycle.get(1).equals(prerequisites.get(j).path("flag").asText(null))) {
                        own.add(Paths.field(Paths.index("prerequisites", j), "flag"),
                                PrerequisiteRules.cycleMessage(cycle));
                        break;
                    }
                }
            }
        }
    }

    /** Keys must be unique (both modes) and ascending (STRICT: the compiler must write them sorted). */
    private static List<String> sortedUniqueKeys(JsonNode array, String field, String what, Validator.Mode mode,
                                                 ProblemCollector problems) {
        List<String> keys = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String previous = null;
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonNode key = array.get(i).path("key");
            if (!key.isTextual()) {
                continue; // reported by the element's own validation
            }
            String k = key.textValue();
            Integer earlier = seen.putIfAbsent(k, i);
            if (earlier != null) {
                problems.add(Paths.index(field, i), "duplicate " + what + " key \"" + k + "\" (also at " + field + "["
                        + earlier + "]); each key may appear once");
                continue;
            }
            if (mode == Validator.Mode.STRICT && previous != null && previous.compareTo(k) > 0) {
                problems.add(Paths.index(field, i), what + " \"" + k + "\" is out of order: " + field
                        + " must be sorted by key, and it comes before \"" + previous + "\"");
            }
            previous = k;
            keys.add(k);
        }
        return keys;
    }

    /** key → keys of its prerequisites; the first flag with a key wins (duplicates are reported elsewhere). */
    private static Map<String, List<String>> graphOf(JsonNode flags) {
        Map<String, List<String>> graph = new HashMap<>();
        for (int i = 0; flags != null && i < flags.size(); i++) {
            JsonNode key = flags.get(i).path("key");
            if (!key.isTextual() || graph.containsKey(key.textValue())) {
                continue;
            }
            List<String> requires = new ArrayList<>();
            flags.get(i).path("prerequisites").forEach(p -> {
                if (p.path("flag").isTextual()) {
                    requires.add(p.path("flag").textValue());
                }
            });
            graph.put(key.textValue(), requires);
        }
        return graph;
    }

    /** A scope read straight from the tree, so that a flag with a malformed field still resolves as a prerequisite. */
    private static ValidationScope scopeOf(JsonNode flags, List<String> segmentKeys) {
        Map<String, Flag> byKey = new HashMap<>();
        for (int i = 0; flags != null && i < flags.size(); i++) {
            JsonNode flag = flags.get(i);
            JsonNode key = flag.path("key");
            if (!key.isTextual() || byKey.containsKey(key.textValue())) {
                continue;
            }
            List<Variation> variations = new ArrayList<>();
            flag.path("variations").forEach(v -> variations.add(new Variation(v.path("value"), null)));
            List<Prerequisite> prerequisites = new ArrayList<>();
            flag.path("prerequisites").forEach(p -> {
                if (p.path("flag").isTextual()) {
                    prerequisites.add(new Prerequisite(p.path("flag").textValue(), p.path("variation").asInt()));
                }
            });
            byKey.put(key.textValue(), new Flag(key.textValue(), null, variations, null, false, null, null,
                    List.of(), prerequisites, List.of(), null, null));
        }
        return ValidationScope.of(byKey.values(), segmentKeys);
    }

    /** Moves an element's problems under {@code prefix} and names the element's key in each message. */
    private static void reRoot(ProblemCollector own, String prefix, String what, JsonNode element,
                               ProblemCollector into) {
        JsonNode key = element.path("key");
        String suffix = key.isTextual() ? " (" + what + " \"" + key.textValue() + "\")" : "";
        for (Problem p : own.problems()) {
            into.add(Paths.under(prefix, p.path()), p.message() + suffix);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
