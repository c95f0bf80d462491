package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The optional {@code malformedFlags} member of a snapshot: the flags the compiler published although they failed
 * validation, each {@code {"key": ..., "problems": [{"path": ..., "message": ...}]}}. A flag listed there is not
 * validated again (its problems are already stated), so a snapshot with a broken flag stays loadable; the list itself
 * must be well formed and name flags of the snapshot.
 */
final class MalformedFlagRules {
    static final String FIELD = "malformedFlags";

    private MalformedFlagRules() {
    }

    /** The marked flag keys; problems of the list itself go to {@code problems}. */
    static Set<String> markedKeys(JsonNode snapshot, Set<String> flagKeys, Validator.Mode mode,
                                  ProblemCollector problems) {
        Set<String> marked = new HashSet<>();
        JsonNode list = JsonFields.array(snapshot, FIELD, "", false, problems);
        String previous = null;
        for (int i = 0; list != null && i < list.size(); i++) {
            String at = Paths.index(FIELD, i);
            JsonNode entry = JsonFields.object(list.get(i), at, problems);
            if (entry == null) {
                continue;
            }
            String key = JsonFields.string(entry, "key", at, true, problems);
            checkProblems(entry, at, problems);
            if (key == null) {
                continue;
            }
            String keyPath = Paths.field(at, "key");
            if (!flagKeys.contains(key)) {
                problems.add(keyPath, "names flag \"" + key + "\", which is not in flags");
            } else if (!marked.add(key)) {
                problems.add(keyPath, "flag \"" + key + "\" is listed twice");
            } else if (mode == Validator.Mode.STRICT && previous != null && previous.compareTo(key) > 0) {
                problems.add(keyPath, "flag \"" + key + "\" is out of order: " + FIELD + " must be sorted by key");
            }
            previous = key;
        }
        return marked;
    }

    private static void checkProblems(JsonNode entry, String at, ProblemCollector problems) {
        JsonNode list = JsonFields.array(entry, "problems", at, true, problems);
        for (int j = 0; list != null && j < list.size(); j++) {
            String problemAt = Paths.index(Paths.field(at, "problems"), j);
            JsonNode problem = JsonFields.object(list.get(j), problemAt, problems);
            if (problem != null) {
                JsonFields.string(problem, "path", problemAt, true, problems);
                JsonFields.string(problem, "message", problemAt, true, problems);
            }
        }
    }
}
