package dev.vexil.local.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the edge's answers by status, so that tests can see what SDKs asked for (e.g. how many polls were 304s). */
public final class EdgeStats {
    private final AtomicLong requests = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();

    void record(int status) {
        requests.incrementAndGet();
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
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
