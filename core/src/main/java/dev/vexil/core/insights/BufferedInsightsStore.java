package dev.vexil.core.insights;

import dev.vexil.core.admin.JsonLog;
import dev.vexil.eval.ReasonKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Pre-aggregation in front of an {@link InsightsStore} (docs/insights.md, "On AWS"): the counts of many summaries
 * are merged in memory per project × environment × minute × flag × variation × reason, and written with one
 * {@code add} per project × environment × minute (a "place") when it is due. Store writes then grow with ingest
 * instances × distinct items, not with SDKs.
 *
 * <p>The flush policy is decided at the end of each {@link #add} (one per ingest call), because a Lambda sandbox is
 * frozen between invocations and a background thread would not run: a place is due once its first count is
 * {@link Policy#flushAfter()} old (with 60 s, a minute is written once, after it ended, and the current one waits),
 * and everything is due when more than {@link Policy#flushAtEntries()} distinct entries are buffered. A flush that
 * fails keeps its counts buffered (merged back) and is retried at the next call; past {@link Policy#maxEntries()}
 * buffered entries, counts of new entries are dropped, counted and logged. A {@link Policy#flushAfter()} of zero
 * is write-through: {@code add} goes straight to the store and its failure is the caller's. Reads go to the store:
 * buffered counts are not visible until flushed. Thread-safe.
 */
public final class BufferedInsightsStore implements InsightsStore {
    /**
     * When to flush: {@code flushAfter} (zero: write-through), {@code flushAtEntries} distinct buffered entries,
     * and {@code maxEntries}, past which new entries are dropped.
     */
    public record Policy(Duration flushAfter, int flushAtEntries, int maxEntries) {
        /**
         * About 30 flags × 6 reasons × a few variations in a handful of environments flush on time; a fleet of many
         * environments flushes early, so that one flush stays a few seconds of writes.
         */
        public static final int DEFAULT_FLUSH_AT_ENTRIES = 5_000;
        /** About 10 MB of buffer; never reached unless the store keeps failing. */
        public static final int DEFAULT_MAX_ENTRIES = 50_000;

        public Policy {
            Objects.requireNonNull(flushAfter, "flushAfter");
            if (flushAfter.isNegative()) {
                throw new IllegalArgumentException("flushAfter must not be negative: " + flushAfter);
            }
            if (flushAtEntries < 1 || maxEntries < flushAtEntries) {
                throw new IllegalArgumentException("need 1 <= flushAtEntries <= maxEntries, not " + flushAtEntries
                        + " and " + maxEntries);
            }
        }

        /** Every count written at once (the local stack: reads stay exact and immediate). */
        public static Policy writeThrough() {
            return new Policy(Duration.ZERO, DEFAULT_FLUSH_AT_ENTRIES, DEFAULT_MAX_ENTRIES);
        }

        /** Buffered up to {@code flushAfter}, with the default entry caps. */
        public static Policy flushAfter(Duration flushAfter) {
            return new Policy(flushAfter, DEFAULT_FLUSH_AT_ENTRIES, DEFAULT_MAX_ENTRIES);
        }

        /**
         * The default caps with {@code flushAfter} read from a setting (an ISO-8601 duration such as {@code PT60S};
         * {@code PT0S} is write-through), or {@code whenUnset} when it is null or blank.
         */
        public static Policy fromSetting(String flushAfter, Duration whenUnset) {
            if (flushAfter == null || flushAfter.isBlank()) {
                return flushAfter(whenUnset);
            }
            try {
                return flushAfter(Duration.parse(flushAfter.strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("flushAfter must be an ISO-8601 duration such as PT60S, not \""
                        + flushAfter + "\"", e);
            }
        }

        boolean isWriteThrough() {
            return flushAfter.isZero();
        }
    }

    private record Place(String project, String environment, Instant minute) {
    }

    private record Entry(String flag, int variation, ReasonKind reason) {
    }

    /** The counts of one place, and when its first one arrived. */
    private static final class Pending {
        private Instant firstArrival;
        private final Map<Entry, Long> counts = new HashMap<>();

        Pending(Instant firstArrival) {
            this.firstArrival = firstArrival;
        }
    }

    private final InsightsStore store;
    private final Policy policy;
    private final Clock clock;
    /** One flush at a time; adds go on meanwhile. */
    private final ReentrantLock flushing = new ReentrantLock();

    // Guarded by "this".
    private final Map<Place, Pending> buffer = new HashMap<>();
    private int entries;
    private long dropped;

    public BufferedInsightsStore(InsightsStore store, Policy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Write-through: adds to the store (its failure is thrown). Else buffers, then flushes if due; a failed flush is
     * logged and retried later, never thrown: these counts are accepted.
     */
    @Override
    public void add(String project, String environment, Instant minute, Collection<EvaluationCount> counts) {
        InsightsStore.requireMinute(minute);
        if (policy.isWriteThrough()) {
            store.add(project, environment, minute, counts);
            return;
        }
        long droppedNow = buffer(new Place(project, environment, minute), counts);
        if (droppedNow > 0) {
            JsonLog.warn("insights buffer full (" + policy.maxEntries() + " entries): dropped " + droppedNow
                    + " evaluations of " + project + "/" + environment + ", " + droppedEvaluations()
                    + " since start", null);
        }
        flushIfDue();
    }

    /** The evaluations dropped because the buffer was full, since this store was made. */
    public synchronized long droppedEvaluations() {
        return dropped;
    }

    /** Distinct entries waiting for a flush. */
    public synchronized int bufferedEntries() {
        return entries;
    }

    /**
     * Writes the places that are due (all of them past the entry cap), if any; failures are logged and the counts
     * kept for the next call.
     */
    public boolean flushIfDue() {
        if (policy.isWriteThrough()) {
            return false;
        }
        Instant dueBefore = clock.instant().minus(policy.flushAfter());
        Predicate<Pending> due;
        synchronized (this) {
            due = entries > policy.flushAtEntries() ? pending -> true
                    : pending -> !pending.firstArrival.isAfter(dueBefore);
            if (buffer.values().stream().noneMatch(due)) {
                return false;
            }
        }
        try {
            flush(due);
            return true;
        } catch (RuntimeException e) {
            JsonLog.warn("insights flush failed; the counts stay buffered and the flush is retried at the next "
                    + "summary", e);
            return false;
        }
    }

    /**
     * Writes everything buffered, one {@code add} per place. On a failure, what was not written is buffered again
     * and the failure thrown.
     */
    public void flush() {
        flush(pending -> true);
    }

    private void flush(Predicate<Pending> which) {
        flushing.lock();
        try {
            List<Map.Entry<Place, Pending>> taken = take(which);
            for (int i = 0; i < taken.size(); i++) {
                Place place = taken.get(i).getKey();
                Pending pending = taken.get(i).getValue();
                try {
                    store.add(place.project(), place.environment(), place.minute(), counts(pending.counts));
                } catch (PartiallyAddedException partly) {
                    restore(place, pending.firstArrival, partly.notAdded());
                    restore(taken.subList(i + 1, taken.size()));
                    throw partly;
                } catch (RuntimeException e) {
                    restore(taken.subList(i, taken.size()));
                    throw e;
                }
            }
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Registers a JVM shutdown hook that flushes what is buffered. On Lambda the runtime gets SIGTERM (and so runs
     * the hook) only when an extension is registered; without one a reclaimed sandbox loses its buffer.
     */
    public Thread flushOnShutdown() {
        Thread hook = new Thread(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                JsonLog.warn("insights flush at shutdown failed; " + bufferedEntries() + " entries are lost", e);
            }
        }, "vexil-insights-flush");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    @Override
    public List<MinuteCount> counts(String project, String environment, String flag, Instant from, Instant to) {
        return store.counts(project, environment, flag, from, to);
    }

    @Override
    public Map<String, Instant> lastEvaluated(String project, String environment) {
        return store.lastEvaluated(project, environment);
    }

    /** Merges counts into the buffer; returns the evaluations dropped because it is full. */
    private synchronized long buffer(Place place, Collection<EvaluationCount> counts) {
        Pending pending = buffer.get(place);
        Map<Entry, Long> atPlace = pending == null ? new HashMap<>() : pending.counts;
        long droppedNow = 0;
        for (EvaluationCount c : counts) {
            if (c.count() == 0) {
                continue;
            }
            Entry entry = new Entry(c.flag(), c.variation(), c.reason());
            Long had = atPlace.get(entry);
            if (had != null) {
                atPlace.put(entry, had + c.count());
            } else if (entries < policy.maxEntries()) {
                atPlace.put(entry, c.count());
                entries++;
            } else {
                droppedNow += c.count();
            }
        }
        if (pending == null && !atPlace.isEmpty()) {
            pending = new Pending(clock.instant());
            pending.counts.putAll(atPlace);
            buffer.put(place, pending);
        }
        dropped += droppedNow;
        return droppedNow;
    }

    /**
     * Removes the places to write from the buffer, latest minute first (so that a store raising each flag's "last
     * evaluated" minute raises it once per flush).
     */
    private synchronized List<Map.Entry<Place, Pending>> take(Predicate<Pending> which) {
        List<Map.Entry<Place, Pending>> taken = new ArrayList<>();
        buffer.entrySet().removeIf(e -> {
            if (!which.test(e.getValue())) {
                return false;
            }
            taken.add(Map.entry(e.getKey(), e.getValue()));
            entries -= e.getValue().counts.size();
            return true;
        });
        taken.sort(Comparator.comparing((Map.Entry<Place, Pending> e) -> e.getKey().minute()).reversed());
        return taken;
    }

    private void restore(List<Map.Entry<Place, Pending>> notWritten) {
        notWritten.forEach(e -> restore(e.getKey(), e.getValue().firstArrival, counts(e.getValue().counts)));
    }

    /** Puts back counts a flush did not write: they were accepted, so the cap does not apply. */
    private synchronized void restore(Place place, Instant firstArrival, Collection<EvaluationCount> notWritten) {
        if (notWritten.isEmpty()) {
            return;
        }
        Pending pending = buffer.computeIfAbsent(place, p -> new Pending(firstArrival));
        if (firstArrival.isBefore(pending.firstArrival)) {
            pending.firstArrival = firstArrival;
        }
        for (EvaluationCount c : notWritten) {
            Entry entry = new Entry(c.flag(), c.variation(), c.reason());
            if (!pending.counts.containsKey(entry)) {
                entries++;
            }
            pending.counts.merge(entry, c.count(), Long::sum);
        }
    }

    private static List<EvaluationCount> counts(Map<Entry, Long> atPlace) {
        List<EvaluationCount> counts = new ArrayList<>(atPlace.size());
        atPlace.forEach((e, count) -> counts.add(new EvaluationCount(e.flag(), e.variation(), e.reason(), count)));
        return counts;
    }
}
