package dev.vexil.core.compiler;

import dev.vexil.model.MalformedFlag;
import dev.vexil.validate.Problem;
import java.util.List;

/**
 * What compiling one environment did. {@code version} is the environment's change counter read from the table.
 * {@code bytes} (canonical JSON) and {@code gzipBytes} (the stored object) are null when nothing was encoded:
 * the current object already held this or a newer version, or the state was invalid.
 * {@code problems} lists why an {@link Outcome#INVALID} state was refused (empty otherwise); {@code malformed} lists
 * the flags published marked malformed (contained rather than refusing the environment). For
 * {@link Outcome#TOO_LARGE}, {@code bytes} and {@code gzipBytes} are the sizes that were refused.
 */
public record CompileResult(String project, String environment, long version, Outcome outcome, int flags,
                            int segments, Long bytes, Long gzipBytes, long durationMs, List<Problem> problems,
                            List<MalformedFlag> malformed) {

    public enum Outcome {
        /** The snapshot of this version is now current. */
        PUBLISHED,
        /** The current object already holds this version; nothing was written. */
        UNCHANGED,
        /** A newer version is already current (a replayed or late batch); nothing was written. */
        SUPERSEDED,
        /** The state failed validation outside any flag; nothing was written, the previous snapshot stays live. */
        INVALID,
        /** The snapshot passes {@link SnapshotLimits}; nothing was written, the previous snapshot stays live. */
        TOO_LARGE
    }

    public CompileResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
        malformed = malformed == null ? List.of() : List.copyOf(malformed);
    }

    /** A result without malformed flags. */
    public CompileResult(String project, String environment, long version, Outcome outcome, int flags, int segments,
                         Long bytes, Long gzipBytes, long durationMs, List<Problem> problems) {
        this(project, environment, version, outcome, flags, segments, bytes, gzipBytes, durationMs, problems,
                List.of());
    }
}
