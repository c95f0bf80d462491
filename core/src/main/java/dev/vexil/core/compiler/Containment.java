package dev.vexil.core.compiler;

import dev.vexil.eval.graph.ReferenceCycles;
import dev.vexil.model.Flag;
import dev.vexil.model.MalformedFlag;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Snapshot;
import dev.vexil.validate.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contains what concurrent writes can break in an environment without transactions (a segment deleted while a flag
 * starts to use it, two prerequisite edits that close a cycle, a definition losing a variation a configuration still
 * serves): each flag the strict validation faults is marked malformed in the snapshot rather than holding every other
 * flag back. Problems outside any flag (the envelope, a segment) are not contained: they cannot come from such a race,
 * so the environment is refused as before.
 */
final class Containment {
    private static final Pattern FLAG_PATH = Pattern.compile("^flags\\[(\\d+)](?:\\.?(.*))?$");

    /** The marks for {@code problems}, or null when some problem lies outside the flags. */
    static List<MalformedFlag> marks(Snapshot snapshot, List<Problem> problems) {
        Map<String, List<MalformedFlag.FlagProblem>> byFlag = new LinkedHashMap<>();
        for (Problem problem : problems) {
            Matcher m = FLAG_PATH.matcher(problem.path());
            int index = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (index < 0 || index >= snapshot.flags().size()) {
                return null;
            }
            String key = snapshot.flags().get(index).key();
            String path = m.group(2) == null ? "" : m.group(2);
            byFlag.computeIfAbsent(key, k -> new ArrayList<>()).add(new MalformedFlag.FlagProblem(path,
                    problem.message()));
        }
        markEveryCycleMember(snapshot, byFlag);
        List<MalformedFlag> marks = new ArrayList<>();
        byFlag.forEach((key, found) -> marks.add(new MalformedFlag(key, found)));
        return marks;
    }

    /** The validator names a cycle once, at its first member; every member is broken, so every member is marked. */
    private static void markEveryCycleMember(Snapshot snapshot, Map<String, List<MalformedFlag.FlagProblem>> byFlag) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Flag flag : snapshot.flags()) {
            edges.put(flag.key(), flag.prerequisites().stream().map(Prerequisite::flag).toList());
        }
        ReferenceCycles.find(edges).forEach((key, cycle) -> {
            List<MalformedFlag.FlagProblem> found = byFlag.computeIfAbsent(key, k -> new ArrayList<>());
            if (found.stream().noneMatch(p -> p.message().startsWith("prerequisite cycle"))) {
                found.add(new MalformedFlag.FlagProblem("prerequisites", "prerequisite cycle among "
                        + String.join(", ", cycle) + "; a flag cannot depend on itself"));
            }
        });
    }

    private Containment() {
    }
}
