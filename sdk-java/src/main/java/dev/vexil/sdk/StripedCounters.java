package dev.vexil.sdk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact counters that a thread adds to without an atomic read-modify-write, so that counting stays a small part of
 * an evaluation that itself takes a few nanoseconds. Each thread claims, once per table and by one compare-and-set,
 * a slot of its own (near {@code threadId mod slots}); only that thread ever writes the slot's cells, with a plain
 * read and an opaque write, so no add is lost. The metrics thread sums every slot with opaque reads: a cell only
 * grows, so each sum is at least the previous one and the difference is exactly what was counted in between.
 * A thread that finds no free slot among the few it may probe (more threads than slots, or slots held by threads
 * that have ended) adds to shared {@link LongAdder}s instead: slower, still exact.
 *
 * <p>Memory: a claimed slot holds one {@code long} per cell (8 bytes × cells), and its owner's id; at most
 * {@link #SLOTS} slots.
 */
final class StripedCounters {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle STRIPES = MethodHandles.arrayElementVarHandle(long[][].class);
    /** Slots a thread may try: its home slot and the next three. */
    private static final int PROBES = 4;
    /** Four per processor, at least 8 and at most 64 (a power of two, so that the home slot is a mask). */
    static final int SLOTS = Math.min(64, Math.max(8,
            Integer.highestOneBit(Math.max(1, 4 * Runtime.getRuntime().availableProcessors() - 1)) << 1));
    private static final int MASK = SLOTS - 1;
    /**
     * Unused references before and after the slots (16 × 4 bytes with compressed references): the slot array is
     * read on every evaluation, and whatever another thread allocates next to it must not share its cache line.
     */
    private static final int PAD = 16;

    private final int cells;
    /**
     * Each claimed slot's cells, preceded by its owner's thread id at index 0 (so that the hot path checks
     * ownership and finds the cells with one load); null while free.
     */
    private final long[][] stripes = new long[PAD + SLOTS + PAD][];
    private volatile LongAdder[] shared;

    StripedCounters(int cells) {
        this.cells = cells;
    }

    int size() {
        return cells;
    }

    /** Adds 1 to {@code cell}. Hot path: a thread that owns its home slot does three loads, a compare and a store. */
    void increment(int cell) {
        long id = Thread.currentThread().threadId();
        // Plain reads: a slot's array and its owner id are written once, before the owner's first add, and another
        // thread's id never equals this one, so a stale read can only send this thread to the slow path.
        long[] stripe = stripes[PAD + ((int) id & MASK)];
        if (stripe != null && stripe[0] == id) {
            LONGS.setOpaque(stripe, cell + 1, stripe[cell + 1] + 1);
            return;
        }
        incrementElsewhere(id, cell);
    }

    private void incrementElsewhere(long id, int cell) {
        int home = (int) id & MASK;
        for (int p = 1; p < PROBES; p++) {
            long[] stripe = stripes[PAD + ((home + p) & MASK)];
            if (stripe != null && stripe[0] == id) {
                LONGS.setOpaque(stripe, cell + 1, stripe[cell + 1] + 1);
                return;
            }
        }
        for (int p = 0; p < PROBES; p++) {
            int slot = PAD + ((home + p) & MASK);
            if (stripes[slot] == null) {
                long[] stripe = new long[cells + 1]; // once per thread and table
                stripe[0] = id;
                stripe[cell + 1] = 1;
                if (STRIPES.compareAndSet(stripes, slot, (long[]) null, stripe)) {
                    return;
                }
            }
        }
        sharedCells()[cell].increment();
    }

    private LongAdder[] sharedCells() {
        LongAdder[] s = shared;
        if (s == null) {
            synchronized (this) {
                s = shared;
                if (s == null) {
                    s = new LongAdder[cells];
                    for (int i = 0; i < cells; i++) {
                        s[i] = new LongAdder();
                    }
                    shared = s;
                }
            }
        }
        return s;
    }

    /** Every cell's total so far (metrics thread; safe while other threads keep counting). */
    long[] totals() {
        long[] totals = new long[cells];
        for (int slot = PAD; slot < PAD + SLOTS; slot++) {
            long[] stripe = (long[]) STRIPES.getAcquire(stripes, slot);
            if (stripe != null) {
                for (int i = 0; i < cells; i++) {
                    totals[i] += (long) LONGS.getOpaque(stripe, i + 1);
                }
            }
        }
        LongAdder[] s = shared;
        if (s != null) {
            for (int i = 0; i < cells; i++) {
                totals[i] += s[i].sum();
            }
        }
        return totals;
    }
}
