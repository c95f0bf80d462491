package dev.vexil.core.compiler;

import dev.vexil.validate.Problem;
import java.util.List;

/**
 * What compiling one environment did. {@code version} is the environment's change counter read from the table.
 * {@code bytes} (canonical JSON) and {@code gzipBytes} (the stored object) are null when nothing was encoded:
 * the current object already held this or a newer version, or the state was invalid.
 * {@code problems} lists why an {@link Outcome#INVALID} state was refused (empty otherwise).
 */
public record CompileResult(String project, String environment, long version, Outcome outcome, int flags,
                            int segments, Long bytes, Long gzipBytes, long durationMs, List<Problem> problems) {

    public enum Outcome {
        /** The snapshot of this version is now current. */
        PUBLISHED,
        /** The current object already holds this version; nothing was written. */
        UNCHANGED,
        /** A newer version is already current (a replayed or late batch); nothing was written. */
        SUPERSEDED,
        /** The state failed validation; nothing was written, the previous snapshot stays live. */
        INVALID
    }

    public CompileResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
