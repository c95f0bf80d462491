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
    private final int mask;

    FlagTable(Collection<CompiledFlag> all) {
        int capacity = Integer.highestOneBit(Math.max(2, all.size()) * 2 - 1) << 1;
        keys = new String[capacity];
        flags = new CompiledFlag[capacity];
        mask = capacity - 1;
        for (CompiledFlag flag : all) {
            int i = slot(flag.key());
            while (keys[i] != null && !keys[i].equals(flag.key())) {
                i = (i + 1) & mask;
            }
            keys[i] = flag.key();
            flags[i] = flag;
        }
    }

    private int slot(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    /** The flag, or null. */
    CompiledFlag get(String key) {
        String[] k = keys;
        int i = slot(key);
        String candidate;
        while ((candidate = k[i]) != null) {
            if (candidate == key || candidate.equals(key)) {
                return flags[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }
}
