package dev.vexil.sdk;

import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.EvaluationResult;
import dev.vexil.eval.ReasonKind;
import dev.vexil.model.Flag;
import java.util.HashMap;
import java.util.Map;

/**
 * The evaluation counts of one compiled snapshot: one counter per flag × variation × reason kind, laid out up front
 * from the snapshot, so that counting is one array index and one add to the calling thread's own cells
 * ({@link StripedCounters}): no lock, no atomic read-modify-write, no allocation, no second lookup (the flag index
 * comes from the evaluator's own lookup). Column 0 of a flag holds the results that served no variation (errors, an
 * off flag without an off variation).
 *
 * <p>Memory: (variations + 1) × 6 cells per flag (18 for a boolean flag); 8 bytes per cell for what was reported,
 * and 8 bytes per cell for each counting thread (at most {@link StripedCounters#SLOTS} threads; others share
 * {@code LongAdder}s of about 32 bytes per cell).
 */
final class EvaluationCounters {
    private static final ReasonKind[] REASONS = ReasonKind.values();
    /** Counts nothing: metrics turned off, or an offline client. */
    static final EvaluationCounters DISABLED = new EvaluationCounters(new String[0], new int[0], new int[0],
            new StripedCounters(0), -1);

    private final String[] flagKeys;
    private final int[] firstCell;
    private final int[] columns;
    private final StripedCounters cells;
    /** What {@link #drainInto} has reported of each cell so far (metrics thread only). */
    private final long[] reported;
    private final long snapshotVersion;

    private EvaluationCounters(String[] flagKeys, int[] firstCell, int[] columns, StripedCounters cells,
                               long snapshotVersion) {
        this.flagKeys = flagKeys;
        this.firstCell = firstCell;
        this.columns = columns;
        this.cells = cells;
        this.reported = new long[cells.size()];
        this.snapshotVersion = snapshotVersion;
    }

    /** Counters for every flag of {@code environment}, indexed as {@link CompiledEnvironment#flagIndex} is. */
    static EvaluationCounters forEnvironment(CompiledEnvironment environment) {
        Map<String, Integer> variations = new HashMap<>();
        for (Flag f : environment.snapshot().flags()) {
            variations.put(f.key(), f.variations() == null ? 0 : f.variations().size());
        }
        int flags = environment.flagCount();
        String[] keys = new String[flags];
        int[] first = new int[flags];
        int[] width = new int[flags];
        int total = 0;
        for (int i = 0; i < flags; i++) {
            keys[i] = environment.flagKey(i);
            first[i] = total;
            width[i] = variations.getOrDefault(keys[i], 0) + 1;
            total += width[i] * REASONS.length;
        }
        return new EvaluationCounters(keys, first, width, new StripedCounters(total), environment.version());
    }

    /** Counts one result of the flag at {@code flagIndex}; an unknown flag (-1) is not counted. Hot path. */
    void count(int flagIndex, EvaluationResult result) {
        count(flagIndex, result.variationIndex(), result.reason().kind());
    }

    /** Counts one evaluation of the flag at {@code flagIndex}; variation -1 means none was served. */
    void count(int flagIndex, int variation, ReasonKind reason) {
        int[] width = columns;
        if (flagIndex < 0 || flagIndex >= width.length) {
            return;
        }
        int column = variation + 1;
        if (column < 0 || column >= width[flagIndex]) {
            return; // cannot happen with results of this snapshot; never throw from an evaluation
        }
        cells.increment(firstCell[flagIndex] + column * REASONS.length + reason.ordinal());
    }

    long snapshotVersion() {
        return snapshotVersion;
    }

    /**
     * Adds what each cell counted since the last drain to {@code into}; safe while other threads keep counting.
     * Cells are never reset: a cell only grows, so its sum read now is at least the sum read last time, and the
     * difference is exactly what was added in between (a reset would race the threads that own the cells).
     */
    void drainInto(PendingSummary into) {
        long[] totals = cells.totals();
        for (int flag = 0; flag < flagKeys.length; flag++) {
            for (int column = 0; column < columns[flag]; column++) {
                int row = firstCell[flag] + column * REASONS.length;
                for (int reason = 0; reason < REASONS.length; reason++) {
                    int cell = row + reason;
                    long total = totals[cell];
                    long n = total - reported[cell];
                    if (n != 0) {
                        reported[cell] = total;
                        into.add(flagKeys[flag], column - 1, REASONS[reason], n);
                    }
                }
            }
        }
    }
}
