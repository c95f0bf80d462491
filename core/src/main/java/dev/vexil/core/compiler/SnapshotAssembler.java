package dev.vexil.core.compiler;

import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.Flag;
import dev.vexil.model.Segment;
import dev.vexil.model.Snapshot;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Turns an environment's state, read from the source of truth, into an unsealed snapshot document. Used by the
 * compiler (to publish) and by the admin API's dry-run (to evaluate exactly what would be published).
 */
public final class SnapshotAssembler {
    private SnapshotAssembler() {
    }

    /** Flags and segments sorted by key; {@code version} is the environment's change counter; no content hash yet. */
    public static Snapshot assemble(EnvironmentState state, Instant generatedAt) {
        List<Flag> flags = state.flags().stream().sorted(Comparator.comparing(Flag::key)).toList();
        List<Segment> segments = state.segments().stream().sorted(Comparator.comparing(Segment::key)).toList();
        return new Snapshot(Snapshot.CURRENT_SCHEMA_VERSION, state.project(), state.environment(),
                state.changeCounter(), generatedAt.toString(), flags, segments, null);
    }
}
