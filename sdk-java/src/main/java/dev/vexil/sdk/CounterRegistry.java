package dev.vexil.sdk;

import dev.vexil.eval.CompiledEnvironment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hands out one {@link EvaluationCounters} per compiled snapshot and drains them all. A table replaced by a newer
 * one is drained twice more before it is let go: an evaluation that read the old snapshot just before the swap
 * may still be adding to it while the first drain runs.
 */
final class CounterRegistry {
    private static final int DRAINS_AFTER_RETIREMENT = 2;

    private static final class Tracked {
        final EvaluationCounters counters;
        int drainsLeft = -1; // -1 while current

        Tracked(EvaluationCounters counters) {
            this.counters = counters;
        }
    }

    private final List<Tracked> tables = new ArrayList<>();
    private long currentVersion = -1;

    /** Called on each swap (inside the store's lock, on the thread that compiled {@code environment}). */
    synchronized EvaluationCounters countersFor(CompiledEnvironment environment) {
        for (Tracked t : tables) {
            if (t.drainsLeft < 0) {
                t.drainsLeft = DRAINS_AFTER_RETIREMENT;
            }
        }
        EvaluationCounters counters = EvaluationCounters.forEnvironment(environment);
        tables.add(new Tracked(counters));
        currentVersion = counters.snapshotVersion();
        return counters;
    }

    /** Moves every count into {@code into}, with the version of the snapshot served now. */
    synchronized void drainInto(PendingSummary into) {
        for (Iterator<Tracked> it = tables.iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            t.counters.drainInto(into);
            if (t.drainsLeft > 0 && --t.drainsLeft == 0) {
                it.remove();
            }
        }
        into.snapshotVersion(currentVersion);
    }
}
