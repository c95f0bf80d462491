package dev.vexil.eval;

import java.util.Collection;

/**
 * The flags of one environment by key: an open-addressing table (linear probing, at most half full) in two
 * parallel arrays. A lookup is one hash (cached in the String), one array read to compare the key (identity
 * first, as flag keys are usually literals) and one to fetch the flag: fewer dependent loads than a HashMap's
 * table → node → value chain, which is most of what a trivial flag costs.
 */
final class FlagTable {
    private final String[] keys;
    private final CompiledFlag[] flags;
    /** Each flag's position in the collection it was built from (its index in snapshot order). */
    private final int[] positions;
    private final int mask;

    FlagTable(Collection<CompiledFlag> all) {
        int capacity = Integer.highestOneBit(Math.max(2, all.size()) * 2 - 1) << 1;
        keys = new String[capacity];
        flags = new CompiledFlag[capacity];
        positions = new int[capacity];
        mask = capacity - 1;
        int position = 0;
        for (CompiledFlag flag : all) {
            int i = slot(flag.key());
            while (keys[i] != null && !keys[i].equals(flag.key())) {
                i = (i + 1) & mask;
            }
            keys[i] = flag.key();
            flags[i] = flag;
            positions[i] = position++;
        }
    }

    private int slot(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    /** The flag, or null. */
    CompiledFlag get(String key) {
        int i = find(key);
        return i < 0 ? null : flags[i];
    }

    /** The flag's position in the collection the table was built from, or -1. */
    int position(String key) {
        int i = find(key);
        return i < 0 ? -1 : positions[i];
    }

    private int find(String key) {
        String[] k = keys;
        int i = slot(key);
        String candidate;
        while ((candidate = k[i]) != null) {
            if (candidate == key || candidate.equals(key)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }
}
