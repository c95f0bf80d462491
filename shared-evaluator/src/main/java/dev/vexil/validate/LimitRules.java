package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.snapshot.SnapshotCodec;

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

    /** Reports at {@code path} when the canonical JSON of {@code document} exceeds {@link #MAX_CANONICAL_BYTES}. */
    public static void canonicalSize(JsonNode document, String path, String what, ProblemCollector problems) {
        int size = SnapshotCodec.canonicalBytes(document).length;
        if (size > MAX_CANONICAL_BYTES) {
            problems.add(path, what + " is " + size + " bytes as canonical JSON; the limit is "
                    + MAX_CANONICAL_BYTES + " bytes (split large target lists into segments)");
        }
    }
}
