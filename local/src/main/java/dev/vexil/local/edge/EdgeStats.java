package dev.vexil.local.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the edge's answers by status, so that tests can see what SDKs asked for (e.g. how many polls were 304s). */
public final class EdgeStats {
    private final AtomicLong requests = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();

    void record(String path, int status) {
        requests.incrementAndGet();
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        byKind.computeIfAbsent(kindOf(path) + " " + status, k -> new AtomicLong()).incrementAndGet();
    }

    /** The SDK path without its variable parts: {@code /sdk/v1/deltas/41/42} counts as {@code /sdk/v1/deltas}. */
    private static String kindOf(String path) {
        for (String prefix : new String[] {"/sdk/v1/deltas/", "/sdk/v1/snapshots/"}) {
            if (path.startsWith(prefix)) {
                return prefix.substring(0, prefix.length() - 1);
            }
        }
        return path;
    }

    /**
     * Requests to one kind of path answered with {@code status}: {@code count("/sdk/v1/deltas", 200)} counts the
     * deltas served, {@code count("/sdk/v1/snapshot", 200)} the whole current snapshots.
     */
    public long count(String kind, int status) {
        AtomicLong n = byKind.get(kind + " " + status);
        return n == null ? 0 : n.get();
    }

    /** Every request answered since start (restarts of the edge keep counting). */
    public long requests() {
        return requests.get();
    }

    /** Requests answered with {@code status}. */
    public long count(int status) {
        AtomicLong n = byStatus.get(status);
        return n == null ? 0 : n.get();
    }

    /** {@code 304 Not Modified} answers. */
    public long notModified() {
        return count(304);
    }
}
