package dev.vexil.sdk;

import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.EvaluationResult;
import dev.vexil.eval.ReasonKind;
import dev.vexil.model.Flag;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The evaluation counts of one compiled snapshot: one {@link LongAdder} per flag × variation × reason kind, all
 * created up front from the snapshot, so that counting is one array index and one add: no lock, no allocation, no
 * second lookup (the flag index comes from the evaluator's own lookup). Column 0 of a flag holds the results that
 * served no variation (errors, an off flag without an off variation).
 *
 * <p>Memory: about 40 bytes per cell (the adder and what was reported of it), (variations + 1) × 6 cells per flag,
 * e.g. 720 bytes for a boolean flag.
 */
final class EvaluationCounters {
    private static final ReasonKind[] REASONS = ReasonKind.values();
    /** Counts nothing: metrics turned off, or an offline client. */
    static final EvaluationCounters DISABLED = new EvaluationCounters(new String[0], new int[0], new int[0],
            new LongAdder[0], -1);

    private final String[] flagKeys;
    private final int[] firstCell;
    private final int[] columns;
    private final LongAdder[] cells;
    /** What {@link #drainInto} has reported of each cell so far (metrics thread only). */
    private final long[] reported;
    private final long snapshotVersion;

    private EvaluationCounters(String[] flagKeys, int[] firstCell, int[] columns, LongAdder[] cells,
                               long snapshotVersion) {
        this.flagKeys = flagKeys;
        this.firstCell = firstCell;
        this.columns = columns;
        this.cells = cells;
        this.reported = new long[cells.length];
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
        LongAdder[] cells = new LongAdder[total];
        for (int i = 0; i < total; i++) {
            cells[i] = new LongAdder();
        }
        return new EvaluationCounters(keys, first, width, cells, environment.version());
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
        cells[firstCell[flagIndex] + column * REASONS.length + reason.ordinal()].increment();
    }

    long snapshotVersion() {
        return snapshotVersion;
    }

    /**
     * Adds what each cell counted since the last drain to {@code into}; safe while other threads keep counting.
     * Cells are never reset: a cell only grows, so its sum read now is at least the sum read last time, and the
     * difference is exactly what was added in between (a reset, {@code sumThenReset}, loses concurrent adds on
     * JDKs before it became atomic).
     */
    void drainInto(PendingSummary into) {
        for (int flag = 0; flag < flagKeys.length; flag++) {
            for (int column = 0; column < columns[flag]; column++) {
                int row = firstCell[flag] + column * REASONS.length;
                for (int reason = 0; reason < REASONS.length; reason++) {
                    int cell = row + reason;
                    long total = cells[cell].sum();
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
