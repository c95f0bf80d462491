package dev.vexil.eval;

import dev.vexil.model.Snapshot;
import java.util.Set;

/**
 * One environment's snapshot, validated leniently and compiled once into an immutable structure that evaluates
 * without allocating. Thread-safe. Build a new instance per snapshot and swap the reference atomically.
 *
 * <p>Forward compatibility: an unknown operator or field never fails the whole snapshot; a clause with an
 * unknown operator never matches, and results of that flag carry a {@link Reason#note()} saying why.
 */
public final class CompiledEnvironment {

    // TODO(H1): implementation.

    /**
     * Compiles a snapshot. {@code forcedOff} lists flags that must serve their off variation regardless of their
     * configuration (the emergency kill list, or flags failing closed on staleness); {@code forcedOffNote} is
     * put in the OFF reason's note of those flags (e.g. "kill list").
     */
    public static CompiledEnvironment compile(Snapshot snapshot, Set<String> forcedOff, String forcedOffNote) {
        throw new UnsupportedOperationException("TODO");
    }

    public static CompiledEnvironment compile(Snapshot snapshot) {
        return compile(snapshot, Set.of(), null);
    }

    /** Evaluates one flag for one context. Never throws; never allocates on the success path. */
    public EvaluationResult evaluate(String flagKey, Context context) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The snapshot this was compiled from. */
    public Snapshot snapshot() {
        throw new UnsupportedOperationException("TODO");
    }

    public long version() {
        throw new UnsupportedOperationException("TODO");
    }

    public Set<String> flagKeys() {
        throw new UnsupportedOperationException("TODO");
    }
}
