package dev.vexil.sdk;

import dev.vexil.eval.CompiledEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hands out one {@link EvaluationCounters} per compiled snapshot and drains them all. A table replaced by a newer
 * one keeps being drained until it has been retired for at least {@code grace} (the metrics interval) and drained
 * twice since: an evaluation that read the old snapshot just before the swap may still add to it, and it would have
 * to stall for a whole interval between reading the snapshot and counting to be lost.
 */
final class CounterRegistry {
    private static final int DRAINS_AFTER_RETIREMENT = 2;

    private static final class Tracked {
        final EvaluationCounters counters;
        long retiredAtNanos;
        int drainsLeft = -1; // -1 while current

        Tracked(EvaluationCounters counters) {
            this.counters = counters;
        }
    }

    private final List<Tracked> tables = new ArrayList<>();
    private final long graceNanos;
    private long currentVersion = -1;

    CounterRegistry(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    /** Called on each swap (inside the store's lock, on the thread that compiled {@code environment}). */
    synchronized EvaluationCounters countersFor(CompiledEnvironment environment) {
        for (Tracked t : tables) {
            if (t.drainsLeft < 0) {
                t.drainsLeft = DRAINS_AFTER_RETIREMENT;
                t.retiredAtNanos = System.nanoTime();
            }
        }
        EvaluationCounters counters = EvaluationCounters.forEnvironment(environment);
        tables.add(new Tracked(counters));
        currentVersion = counters.snapshotVersion();
        return counters;
    }

    /** Adds every new count to {@code into}, with the version of the snapshot served now. */
    synchronized void drainInto(PendingSummary into) {
        long now = System.nanoTime();
        for (Iterator<Tracked> it = tables.iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            t.counters.drainInto(into);
            if (t.drainsLeft > 0) {
                t.drainsLeft--;
            }
            if (t.drainsLeft == 0 && now - t.retiredAtNanos >= graceNanos) {
                it.remove();
            }
        }
        into.snapshotVersion(currentVersion);
    }
}
