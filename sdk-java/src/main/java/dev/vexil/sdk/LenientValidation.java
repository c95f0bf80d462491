package dev.vexil.sdk;

import dev.vexil.model.Snapshot;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared validator in LENIENT mode over every snapshot the SDK is about to serve (sizes, counts, regex
 * complexity, types; unknown operators allowed). A problem inside one flag makes only that flag serve
 * {@code MALFORMED_FLAG}; any other problem (the document, a segment, duplicate keys) refuses the whole snapshot,
 * and the client keeps what it serves.
 */
final class LenientValidation {
    private static final Pattern FLAG_PATH = Pattern.compile("^flags\\[(\\d+)](?:\\.(.*))?$");
    private static final int SHOWN = 3;

    private LenientValidation() {
    }

    /**
     * Flag key → why it is refused, for the flags with problems.
     *
     * @throws IllegalArgumentException saying why, if a problem is outside any single flag
     */
    static Map<String, String> invalidFlags(Snapshot snapshot) {
        List<Problem> problems = Validator.validateSnapshot(snapshot, Validator.Mode.LENIENT);
        Map<String, String> invalid = new LinkedHashMap<>();
        List<Problem> wholeSnapshot = new ArrayList<>();
        for (Problem problem : problems) {
            Matcher m = FLAG_PATH.matcher(problem.path());
            int index = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (index < 0 || index >= snapshot.flags().size() || snapshot.flags().get(index).key() == null) {
                wholeSnapshot.add(problem);
                continue;
            }
            String where = m.group(2) == null ? "" : m.group(2) + ": ";
            invalid.merge(snapshot.flags().get(index).key(), where + problem.message(), (a, b) -> a + "; " + b);
        }
        if (!wholeSnapshot.isEmpty()) {
            StringBuilder why = new StringBuilder("it fails validation: ");
            wholeSnapshot.stream().limit(SHOWN).forEach(p -> why.append(p).append("; "));
            why.setLength(why.length() - 2);
            if (wholeSnapshot.size() > SHOWN) {
                why.append(" (and ").append(wholeSnapshot.size() - SHOWN).append(" more)");
            }
            throw new IllegalArgumentException(why.toString());
        }
        return invalid;
    }
}
