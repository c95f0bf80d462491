package dev.vexil.sdk;

import dev.vexil.eval.ReasonKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts not yet delivered, since {@link #windowStart()}: drained windows add up here until a send succeeds, so
 * that a failed send merges into the next window. At most {@code maxEntries} distinct flag × variation × reason
 * entries are kept; counts for a new entry past that cap are dropped and added to {@link #dropped()}, which the next
 * summary reports. Used by the metrics thread only.
 */
final class PendingSummary {
    /** One row of the summary; {@code variation} is -1 when no variation was served. */
    record Entry(String flag, int variation, ReasonKind reason) {
    }

    private final int maxEntries;
    private final Map<Entry, Long> counts = new LinkedHashMap<>();
    private long dropped;
    private Instant windowStart;
    private long snapshotVersion = -1;

    PendingSummary(int maxEntries, Instant windowStart) {
        this.maxEntries = maxEntries;
        this.windowStart = windowStart;
    }

    void add(String flag, int variation, ReasonKind reason, long count) {
        Entry entry = new Entry(flag, variation, reason);
        Long before = counts.get(entry);
        if (before != null) {
            counts.put(entry, before + count);
        } else if (counts.size() < maxEntries) {
            counts.put(entry, count);
        } else {
            dropped += count;
        }
    }

    void snapshotVersion(long version) {
        snapshotVersion = Math.max(snapshotVersion, version);
    }

    boolean isEmpty() {
        return counts.isEmpty() && dropped == 0;
    }

    Map<Entry, Long> counts() {
        return counts;
    }

    long dropped() {
        return dropped;
    }

    Instant windowStart() {
        return windowStart;
    }

    long snapshotVersion() {
        return snapshotVersion;
    }

    /** After a delivered (or refused) summary: the next window starts where this one ended. */
    void clear(Instant nextWindowStart) {
        counts.clear();
        dropped = 0;
        windowStart = nextWindowStart;
    }
}
