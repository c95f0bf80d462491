package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.snapshot.CanonicalJson;
import dev.vexil.snapshot.JsonNumbers;
import java.util.Set;

/** The documented size limits (docs/architecture.md, "Limits"; docs/snapshot-format.md, "Validation limits"). */
public final class LimitRules {
    public static final int MAX_CANONICAL_BYTES = 131_072;
    public static final int MAX_VARIATIONS = 100;
    public static final int MAX_RULES = 200;
    public static final int MAX_CLAUSES = 50;
    public static final int MAX_VALUES = 1_000;
    public static final int MAX_TARGET_KEYS = 10_000;
    public static final int MAX_SEGMENT_KEYS = 10_000;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int TOTAL_WEIGHT = 100_000;

    private LimitRules() {
    }

    /** Reports "{what}: N; at most max" at {@code path} when {@code count > max}. */
    public static void atMost(int count, int max, String path, String what, ProblemCollector problems) {
        if (count > max) {
            problems.add(path, "too many " + what + ": " + count + "; at most " + max + " are allowed");
        }
    }

    /** Reports every number in {@code document} that has no JSON form (e.g. {@code 1e400}, parsed as infinity). */
    public static void reportNonFiniteNumbers(JsonNode document, ProblemCollector problems) {
        if (document == null) {
            return;
        }
        for (String path : JsonNumbers.nonFinitePaths(document)) {
            problems.add(path, "number is too large: it does not fit a 64-bit floating point value");
        }
    }

    /** Reports at {@code path} when the canonical JSON of {@code document} exceeds {@link #MAX_CANONICAL_BYTES}. */
    public static void canonicalSize(JsonNode document, String path, String what, ProblemCollector problems) {
        canonicalSize(document, null, path, what, problems);
    }

    /**
     * As {@link #canonicalSize(JsonNode, String, String, ProblemCollector)}, counting only the object members named
     * in {@code members} (all of them when null). The size is counted, not rendered.
     */
    public static void canonicalSize(JsonNode document, Set<String> members, String path, String what,
                                     ProblemCollector problems) {
        long size;
        try {
            size = members == null ? CanonicalJson.byteLength(document) : CanonicalJson.byteLength(document, members);
        } catch (IllegalArgumentException e) {
            return; // a number with no JSON form, reported by reportNonFiniteNumbers
        }
        if (size > MAX_CANONICAL_BYTES) {
            problems.add(path, what + " is " + size + " bytes as canonical JSON; the limit is "
                    + MAX_CANONICAL_BYTES + " bytes (split large target lists into segments)");
        }
    }
}
